package io.shopscale.console.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopscale.console.plan.Operation.RemoveContainer;
import io.shopscale.console.plan.Operation.StopContainer;
import io.shopscale.console.plan.Operation.UpdateUpstreams;
import io.shopscale.console.plan.Operation.WaitDrain;
import io.shopscale.console.plan.Operation.WaitReady;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a plan against a model of nginx and the replicas and checks the promise of ARCHITECTURE.md "Scaling
 * steps": nginx only ever routes to ready replicas, a replica leaves nginx and is drained before it is stopped, and a
 * service that served keeps serving at every step.
 */
final class NoRequestLost {

    private final Set<String> ready = new HashSet<>();
    private final Map<String, Set<String>> routedPerService = new HashMap<>();
    /** Replicas excluded from nginx whose in-flight requests have not been drained yet. */
    private final Set<String> awaitingDrain = new HashSet<>();

    private NoRequestLost(ObservedStack observed) {
        observed.containers().stream().filter(c -> c.isApp() && c.isServing()).forEach(c -> {
            ready.add(c.ref().resourceId());
            routedPerService.computeIfAbsent(c.service(), any -> new HashSet<>()).add(c.ref().resourceId());
        });
        // A running replica that fails its probe, or a frozen one, that nginx routes to already may stay routed as a last resort
        // (the planner keeps it while its service has nothing better); the plan must not route to any other.
        observed.containers().stream()
                .filter(c -> c.isApp() && (c.state() == ContainerState.PAUSED
                        || c.state() == ContainerState.RUNNING && c.readiness() == Readiness.FAILING))
                .filter(c -> observed.routing().map(r -> r.getOrDefault(c.service(), List.of())
                        .contains(c.replica())).orElse(false))
                .forEach(c -> ready.add(c.ref().resourceId()));
    }

    static void assertHolds(ObservedStack observed, Plan plan) {
        NoRequestLost model = new NoRequestLost(observed);
        List<Operation> steps = plan.operations();
        for (int i = 0; i < steps.size(); i++) {
            model.apply(steps.get(i), "step " + (i + 1) + " of\n" + plan.toText());
        }
    }

    private void apply(Operation step, String where) {
        if (step instanceof WaitReady waitReady) {
            ready.add(waitReady.resourceId());
        } else if (step instanceof UpdateUpstreams update) {
            Map<String, Set<String>> next = new HashMap<>();
            update.upstreams().forEach((service, replicas) -> replicas.forEach(replica ->
                    next.computeIfAbsent(service, any -> new HashSet<>()).add("service:" + service + ":" + replica)));
            next.values().forEach(routed -> assertThat(ready).as("routes only ready replicas, " + where)
                    .containsAll(routed));
            routedPerService.forEach((service, before) -> {
                if (!before.isEmpty() && update.upstreams().containsKey(service)) {
                    assertThat(next.getOrDefault(service, Set.of())).as(service + " keeps serving, " + where)
                            .isNotEmpty();
                }
                before.stream().filter(r -> !next.getOrDefault(service, Set.of()).contains(r))
                        .forEach(awaitingDrain::add);
            });
            routedPerService.clear();
            routedPerService.putAll(next);
        } else if (step instanceof WaitDrain) {
            awaitingDrain.clear();
        } else if (step instanceof StopContainer || step instanceof RemoveContainer) {
            String replica = step.resourceId();
            routedPerService.values().forEach(routed -> assertThat(routed)
                    .as("nginx no longer routes to a stopping replica, " + where).doesNotContain(replica));
            assertThat(awaitingDrain).as("drained before stopping, " + where).doesNotContain(replica);
            ready.remove(replica);
        }
    }
}
