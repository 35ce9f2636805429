package io.shopscale.console.plan;

import io.shopscale.console.plan.Operation.UpdateUpstreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planner believes nginx routes to while it builds a plan, so that it adds an {@link UpdateUpstreams}
 * step exactly when a change of the routing is due, and the step always carries the complete routing.
 */
final class Routing {

    private final List<String> modeServices;
    /** What nginx routes to, as far as the plan knows; empty while nginx's routing is unknown. */
    private Optional<Map<String, SortedSet<Integer>>> routed;
    private final Map<String, SortedSet<Integer>> wanted = new HashMap<>();
    /** Whether nginx holds the replicas to another limit than the stack's, so the routing is set again with it. */
    private boolean concurrencyOutdated;

    /**
     * @param observed            what the running nginx routes to, read back from it; empty when it could not be read
     * @param concurrencyOutdated whether nginx holds the replicas to another limit of requests in flight
     */
    Routing(List<String> modeServices, Optional<Map<String, List<Integer>>> observed, boolean concurrencyOutdated) {
        this.modeServices = modeServices;
        this.routed = observed.map(Routing::sets);
        this.concurrencyOutdated = concurrencyOutdated;
    }

    /** nginx is (re)created by the plan: it starts routing to nothing, and gets the limit with its first routing. */
    void nginxStartsEmpty() {
        routed = Optional.of(new HashMap<>());
        concurrencyOutdated = false;
    }

    void include(String service, int replica) {
        wanted.computeIfAbsent(service, any -> new TreeSet<>()).add(replica);
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

    /**
     * Why nginx's routing differs from the wanted one, for the cause of the step that fixes it: "routing unknown",
     * "ready, not routed: monolith:2", "routed, not ready: monolith:3", "replica concurrency outdated"; empty when
     * it does not differ.
     */
    Optional<String> drift() {
        if (routed.isEmpty()) {
            return Optional.of("routing not read back from nginx");
        }
        List<String> causes = new ArrayList<>();
        String missing = difference(wanted, routed.get());
        if (!missing.isEmpty()) {
            causes.add("ready, not routed: " + missing);
        }
        String extra = difference(routed.get(), wanted);
        if (!extra.isEmpty()) {
            causes.add("routed, not ready: " + extra);
        }
        if (concurrencyOutdated) {
            causes.add("replica concurrency outdated");
        }
        return causes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", causes));
    }

    /** The step that brings nginx to the wanted routing, if that differs from what it routes to now. */
    Optional<Operation> apply(String cause) {
        if (routed.isPresent() && wanted.equals(routed.get()) && !concurrencyOutdated) {
            return Optional.empty();
        }
        routed = Optional.of(sets(render(wanted)));
        concurrencyOutdated = false;
        return Optional.of(new UpdateUpstreams(render(wanted), cause));
    }

    /** The mode's services in their order, each present even with no replica, then any others still routed. */
    private Map<String, List<Integer>> render(Map<String, SortedSet<Integer>> routing) {
        Map<String, List<Integer>> upstreams = new LinkedHashMap<>();
        modeServices.forEach(service ->
                upstreams.put(service, new ArrayList<>(routing.getOrDefault(service, new TreeSet<>()))));
        new TreeSet<>(routing.keySet()).stream()
                .filter(service -> !upstreams.containsKey(service))
                .forEach(service -> upstreams.put(service, new ArrayList<>(routing.get(service))));
        return upstreams;
    }

    private static String difference(Map<String, SortedSet<Integer>> from, Map<String, SortedSet<Integer>> minus) {
        List<String> replicas = new ArrayList<>();
        new TreeMap<>(from).forEach((service, numbers) -> numbers.stream()
                .filter(n -> !minus.getOrDefault(service, new TreeSet<>()).contains(n))
                .forEach(n -> replicas.add(service + ":" + n)));
        return String.join(", ", replicas);
    }

    /** Services with no replica are left out, so that "no entry" and "an empty list" compare equal. */
    private static Map<String, SortedSet<Integer>> sets(Map<String, List<Integer>> routing) {
        Map<String, SortedSet<Integer>> sets = new HashMap<>();
        routing.forEach((service, replicas) -> {
            if (!replicas.isEmpty()) {
                sets.put(service, new TreeSet<>(replicas));
            }
        });
        return sets;
    }
}
