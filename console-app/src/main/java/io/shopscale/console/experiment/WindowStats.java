package io.shopscale.console.experiment;

import java.util.List;

import org.HdrHistogram.Histogram;

import io.shopscale.console.metrics.LatencySummary;

/**
 * What happened over a window of seconds. Percentiles come from the seconds' histograms merged into one, so a
 * window's p99 is the p99 of all its requests, not an average of per-second p99s.
 *
 * <p>When some second has no histogram, the window's percentile is bounded from above by the largest per-second
 * percentile (if no second has more than 1 % of its requests above m, neither has the window), and {@code exact}
 * is false: a pass is then still a pass, a failure may be a false alarm.
 *
 * @param seconds   seconds of the window that were recorded
 * @param goodput   successful requests per recorded second
 */
public record WindowStats(long seconds, long requests, long ok, long errors, double goodput, LatencySummary latency,
                          boolean exact) {

    public static WindowStats of(List<Second> all, Window window) {
        List<Second> inside = all.stream().filter(second -> window.contains(second.index())).toList();
        long ok = inside.stream().mapToLong(Second::ok).sum();
        long errors = inside.stream().mapToLong(Second::errors).sum();
        boolean exact = inside.stream().allMatch(second -> second.histogram() != null);
        LatencySummary latency;
        if (exact) {
            Histogram merged = new Histogram(3);
            inside.forEach(second -> merged.add(second.histogram()));
            latency = LatencySummary.of(merged);
        } else {
            latency = new LatencySummary(inside.stream().mapToLong(second -> second.latency().count()).sum(),
                    max(inside, 50), max(inside, 95), max(inside, 99), max(inside, 100));
        }
        double goodput = inside.isEmpty() ? 0 : (double) ok / inside.size();
        return new WindowStats(inside.size(), ok + errors, ok, errors, goodput, latency, exact);
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

    private static double max(List<Second> seconds, int percentile) {
        return seconds.stream().mapToDouble(second -> switch (percentile) {
            case 50 -> second.latency().p50Millis();
            case 95 -> second.latency().p95Millis();
            case 99 -> second.latency().p99Millis();
            default -> second.latency().maxMillis();
        }).max().orElse(0);
    }
}
