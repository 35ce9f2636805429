package io.shopscale.console.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to a set of requests: a second of one service on a panel, or a whole load run.
 *
 * @param errorsByKind counts per kind such as {@code http 503}, {@code timeout}, {@code connection refused}
 * @param latency      over every request that was sent, failed ones included; requests that were never sent
 *                     ({@code overload}) have no latency and appear only in the counts
 * @param replicas     per replica name, in name order
 * @param servedLatency over the successful requests only: when a shop sheds load, what its served requests waited,
 *                      which the fast refusals would otherwise hide in {@code latency}
 */
public record Traffic(long requests, long ok, long errors, Map<String, Long> errorsByKind, LatencySummary latency,
                      Map<String, ReplicaShare> replicas, LatencySummary servedLatency) {

    public static final Traffic NONE = new Traffic(0, 0, 0, Map.of(), LatencySummary.NONE, Map.of());

    /** With no separate figure for the successful requests. */
    public Traffic(long requests, long ok, long errors, Map<String, Long> errorsByKind, LatencySummary latency,
                   Map<String, ReplicaShare> replicas) {
        this(requests, ok, errors, errorsByKind, latency, replicas, LatencySummary.NONE);
    }

    public Traffic {
        // Sorted copies: reports and JSON list kinds and replicas in the same order every time.
        errorsByKind = Collections.unmodifiableMap(new TreeMap<>(errorsByKind));
        replicas = Collections.unmodifiableMap(new TreeMap<>(replicas));
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
