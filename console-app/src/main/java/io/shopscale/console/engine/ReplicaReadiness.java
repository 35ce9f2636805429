package io.shopscale.console.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.Readiness;

/**
 * A running replica's readiness, from the engine's own probe and what it knew before: the probe says whether it
 * answers now; Docker's health status and nginx's routing say whether it had answered before.
 */
final class ReplicaReadiness {

    private ReplicaReadiness() {
    }

    /**
     * Ready when the probe answers. Otherwise starting while Docker still calls it starting and nginx has never routed
     * to it; failing once it had been ready (Docker called it healthy or unhealthy, or nginx routes to it) and stopped
     * answering: frozen, overloaded, or cut off from what it needs.
     *
     * @param replica  a running app replica, with the readiness Docker's health status gave it
     * @param answers  whether it answered the engine's probe just now
     * @param routing  what nginx routes to now; empty when unknown
     */
    static Readiness of(ObservedContainer replica, boolean answers, Optional<Map<String, List<Integer>>> routing) {
        if (answers) {
            return Readiness.READY;
        }
        boolean routed = routing.map(r -> r.getOrDefault(replica.service(), List.of()).contains(replica.replica()))
                .orElse(false);
        return replica.readiness() == Readiness.STARTING && !routed ? Readiness.STARTING : Readiness.FAILING;
    }
}
