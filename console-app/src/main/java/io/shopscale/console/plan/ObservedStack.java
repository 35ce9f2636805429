package io.shopscale.console.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything of one stack found on the Docker engine, by its {@link Labels#STACK} label.
 *
 * @param network                    the stack's network, if it exists
 * @param volumes                    names of the stack's volumes that exist
 * @param routing                    replica numbers per service that the running nginx routes to now, read back from
 *                                   nginx; empty when nginx could not be asked (not running, or not answering), and
 *                                   then the planner sets the routing again rather than trust it
 * @param replicaConcurrencyOutdated whether nginx holds the replicas to a limit of requests in flight other than the
 *                                   stack's (it changed since): the planner then sets the routing again, which sets
 *                                   the limit too, with no reload
 */
public record ObservedStack(Optional<String> network, Set<String> volumes, List<ObservedContainer> containers,
                            Optional<Map<String, List<Integer>>> routing, boolean replicaConcurrencyOutdated) {

    public static final ObservedStack NOTHING =
            new ObservedStack(Optional.empty(), Set.of(), List.of(), Optional.of(Map.of()));

    public ObservedStack {
        if (network == null || volumes == null || containers == null || routing == null) {
            throw new IllegalArgumentException("incomplete observed stack");
        }
        volumes = Set.copyOf(volumes);
        containers = List.copyOf(containers);
        routing = routing.map(ObservedStack::copy);
    }

    /** A stack whose nginx, if it runs, holds the replicas to the stack's limit. */
    public ObservedStack(Optional<String> network, Set<String> volumes, List<ObservedContainer> containers,
                         Optional<Map<String, List<Integer>>> routing) {
        this(network, volumes, containers, routing, false);
    }

    /** The same stack with these containers (fresher readiness) and this routing. */
    public ObservedStack with(List<ObservedContainer> fresher, Optional<Map<String, List<Integer>>> routed) {
        return new ObservedStack(network, volumes, fresher, routed, replicaConcurrencyOutdated);
    }

    /** The same stack, with nginx's limit of requests in flight found outdated or not. */
    public ObservedStack withReplicaConcurrencyOutdated(boolean outdated) {
        return new ObservedStack(network, volumes, containers, routing, outdated);
    }

    private static Map<String, List<Integer>> copy(Map<String, List<Integer>> routing) {
        Map<String, List<Integer>> copy = new TreeMap<>();
        routing.forEach((service, replicas) -> copy.put(service, List.copyOf(replicas)));
        return Collections.unmodifiableMap(copy);
    }
}
