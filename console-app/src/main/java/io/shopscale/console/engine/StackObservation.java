package io.shopscale.console.engine;

import java.util.Map;
import java.util.Optional;

import io.shopscale.console.nginx.RoutingSnapshot;
import io.shopscale.console.plan.ObservedStack;

/**
 * A stack as a status shows it: what runs, nginx's routing as it was read (with each replica's slow start), and each
 * container's address on the stack's network.
 *
 * @param addresses IPv4 address by container name; a container without one is left out
 */
record StackObservation(ObservedStack stack, Optional<RoutingSnapshot> routing, Map<String, String> addresses) {

    StackObservation {
        addresses = Map.copyOf(addresses);
    }
}
