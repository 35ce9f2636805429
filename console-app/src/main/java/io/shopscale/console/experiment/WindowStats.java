package io.shopscale.console.experiment;

import java.util.List;

import org.HdrHistogram.Histogram;

import io.shopscale.console.metrics.LatencySummary;

/**
 * What happened over a window of seconds. Percentiles come from the seconds' histograms merged into one, so a
 * window's p99 is the p99 of all its requests, not an average (nor the largest) of per-second p99s. The metrics hub
 * records each second at two significant digits, so a percentile is within 1 % of the exact value.
 *
 * @param seconds   seconds of the window that were recorded
 * @param goodput   successful requests per recorded second
 */
public record WindowStats(long seconds, long requests, long ok, long errors, double goodput, LatencySummary latency) {

    public static WindowStats of(List<Second> all, Window window) {
        List<Second> inside = all.stream().filter(second -> window.contains(second.index())).toList();
        long ok = inside.stream().mapToLong(Second::ok).sum();
        long errors = inside.stream().mapToLong(Second::errors).sum();
        Histogram merged = new Histogram(3);
        inside.forEach(second -> merged.add(second.histogram()));
        double goodput = inside.isEmpty() ? 0 : (double) ok / inside.size();
        return new WindowStats(inside.size(), ok + errors, ok, errors, goodput, LatencySummary.of(merged));
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    public double measure(Metric metric) {
        return switch (metric) {
            case ERROR_RATE -> errorRate();
            case P50 -> latency.p50Millis();
            case P95 -> latency.p95Millis();
            case P99 -> latency.p99Millis();
            case RATE -> goodput;
        };
    }
}
