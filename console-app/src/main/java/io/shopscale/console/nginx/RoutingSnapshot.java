package io.shopscale.console.nginx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What nginx's balancer routes to at one moment: the backends of every pool it knows, and the limit of requests in
 * flight it holds each to, read back from the running nginx.
 *
 * @param pools              the backends per pool (service) name, pools by name, backends by replica number; a pool
 *                           with no backend is present with an empty list
 * @param replicaConcurrency requests in flight per replica at most (0: no limit), as the console last set it; empty
 *                           when it never did (no limit then)
 */
public record RoutingSnapshot(Map<String, List<RoutedBackend>> pools, OptionalInt replicaConcurrency) {

    public RoutingSnapshot {
        if (replicaConcurrency == null) {
            throw new ConfigValueException("the replica concurrency is missing (empty when not set)");
        }
        Map<String, List<RoutedBackend>> copy = new TreeMap<>();
        pools.forEach((pool, backends) -> copy.put(ConfigValues.requireName("pool name", pool),
                backends.stream().sorted((a, b) -> Integer.compare(a.replica(), b.replica())).toList()));
        pools = Collections.unmodifiableMap(copy);
    }

    /**
     * The replica numbers per service, in the shape of the plan's upstream step
     * ({@code Operation.UpdateUpstreams.upstreams()}): services by name, replicas ascending.
     */
    public Map<String, List<Integer>> replicas() {
        Map<String, List<Integer>> replicas = new LinkedHashMap<>();
        pools.forEach((pool, backends) -> replicas.put(pool, backends.stream().map(RoutedBackend::replica).toList()));
        return Collections.unmodifiableMap(replicas);
    }

    /**
     * For a reader of the config: one comment line per backend, e.g.
     * {@code #   monolith  replica 2  172.29.1.12:8080  warming until 12:00:25Z}, and {@code #   payments  no replica}.
     */
    public String asComment(Instant now) {
        StringBuilder text = new StringBuilder("# Routed now by nginx's Lua balancer (not in the file: the console sets it"
                + " without a reload):\n");
        replicaConcurrency.ifPresent(limit -> text.append("#   requests in flight per replica at most: ")
                .append(limit == 0 ? "no limit" : limit).append('\n'));
        pools.forEach((pool, backends) -> {
            if (backends.isEmpty()) {
                text.append("#   ").append(pool).append("  no replica\n");
            }
            backends.forEach(backend -> text.append("#   ").append(pool).append("  replica ").append(backend.replica())
                    .append("  ").append(backend.address())
                    .append(backend.warming(now) ? "  warming until " + backend.warmUntil()
                            .truncatedTo(ChronoUnit.SECONDS) : "").append('\n'));
        });
        return text.toString();
    }

    /** The backends still in their slow start at {@code now}, per pool; pools with none are left out. */
    public Map<String, List<RoutedBackend>> warming(Instant now) {
        Map<String, List<RoutedBackend>> warming = new LinkedHashMap<>();
        pools.forEach((pool, backends) -> {
            List<RoutedBackend> cold = backends.stream().filter(backend -> backend.warming(now)).toList();
            if (!cold.isEmpty()) {
                warming.put(pool, cold);
            }
        });
        return Collections.unmodifiableMap(warming);
    }
}
