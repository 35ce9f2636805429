package io.shopscale.console.experiment;

import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import io.shopscale.console.metrics.LatencySummary;

/**
 * One second of a run, as assertions read it and the report draws it.
 *
 * @param index      seconds since the run started (the steady-state check included)
 * @param targetRate requests/s the load was heading to
 * @param latency    the second's percentiles, in milliseconds
 * @param histogram  the second's latencies in microseconds, merged over a window for its percentiles (see
 *                   {@link WindowStats}); readers must not change it
 * @param replicas   ready app replicas per service at the second's end
 * @param cpu        CPU percent per container, as Docker reports it (100 = one core)
 */
public record Second(long index, double targetRate, long ok, long errors, LatencySummary latency, Histogram histogram,
                     Map<String, Integer> replicas, Map<String, Double> cpu) {

    public Second {
        java.util.Objects.requireNonNull(histogram, "histogram");
        replicas = new TreeMap<>(replicas);
        cpu = new TreeMap<>(cpu);
    }

    public long requests() {
        return ok + errors;
    }

    public Second withReplicas(Map<String, Integer> ready) {
        return new Second(index, targetRate, ok, errors, latency, histogram, ready, cpu);
    }
}
