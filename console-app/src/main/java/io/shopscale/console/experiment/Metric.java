package io.shopscale.console.experiment;

import java.util.Locale;

import io.shopscale.console.metrics.LatencySummary;

/**
 * What a check measures over a window. Latency percentiles are read off the window's merged histogram, never averaged
 * from per-second percentiles; the rate is goodput, successful requests per second.
 */
public enum Metric {
    /** Share of requests that failed, 0 to 1; a check gives its upper limit. */
    ERROR_RATE("max-error-rate", true),
    /** Milliseconds; upper limit. */
    P50("max-p50", true),
    P95("max-p95", true),
    P99("max-p99", true),
    /** Successful requests per second (goodput); lower limit. */
    RATE("min-rate", false);

    private final String key;
    private final boolean upperLimit;

    Metric(String key, boolean upperLimit) {
        this.key = key;
        this.upperLimit = upperLimit;
    }

    /** The key in an experiment file, the same as {@code shopctl load}'s threshold option without dashes. */
    public String key() {
        return key;
    }

    public boolean upperLimit() {
        return upperLimit;
    }

    public boolean isLatency() {
        return this == P50 || this == P95 || this == P99;
    }

    public String format(double value) {
        return switch (this) {
            case ERROR_RATE -> String.format(Locale.ROOT, "%.2f%%", value * 100);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", value);
            default -> LatencySummary.format(value);
        };
    }

    public static Metric fromKey(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        return null;
    }
}
