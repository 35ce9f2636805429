package io.shopscale.console.plan;

import io.shopscale.console.plan.Operation.UpdateUpstreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the planner believes nginx routes to while it builds a plan, so that it adds an {@link UpdateUpstreams}
 * step exactly when a change of the routing is due, and the step always carries the complete routing.
 */
final class Routing {

    private final List<String> modeServices;
    private final Map<String, SortedSet<Integer>> routed = new HashMap<>();
    private final Map<String, SortedSet<Integer>> wanted = new HashMap<>();

    Routing(List<String> modeServices) {
        this.modeServices = modeServices;
    }

    /** Records that nginx already routes to this replica when planning starts. */
    void assumeRouted(String service, int replica) {
        add(routed, service, replica);
        add(wanted, service, replica);
    }

    void include(String service, int replica) {
        add(wanted, service, replica);
    }

    void exclude(String service, int replica) {
        SortedSet<Integer> replicas = wanted.get(service);
        if (replicas != null) {
            replicas.remove(replica);
            if (replicas.isEmpty()) {
                wanted.remove(service);
            }
        }
    }

    /** Whether some replica of the service takes traffic, or will once the steps planned so far have run. */
    boolean serves(String service) {
        return wanted.containsKey(service);
    }

    /** The step that brings nginx to the wanted routing, if that differs from what it routes to now. */
    Optional<Operation> apply(String cause) {
        if (wanted.equals(routed)) {
            return Optional.empty();
        }
        routed.clear();
        wanted.forEach((service, replicas) -> routed.put(service, new TreeSet<>(replicas)));
        return Optional.of(new UpdateUpstreams(render(), cause));
    }

    /** The mode's services in their order, each present even with no replica, then any others still routed. */
    private Map<String, List<Integer>> render() {
        Map<String, List<Integer>> upstreams = new LinkedHashMap<>();
        modeServices.forEach(service ->
                upstreams.put(service, new ArrayList<>(routed.getOrDefault(service, new TreeSet<>()))));
        new TreeSet<>(routed.keySet()).stream()
                .filter(service -> !upstreams.containsKey(service))
                .forEach(service -> upstreams.put(service, new ArrayList<>(routed.get(service))));
        return upstreams;
    }

    private static void add(Map<String, SortedSet<Integer>> routing, String service, int replica) {
        routing.computeIfAbsent(service, any -> new TreeSet<>()).add(replica);
    }
}
