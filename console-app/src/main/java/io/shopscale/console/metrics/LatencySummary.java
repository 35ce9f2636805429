package io.shopscale.console.metrics;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * The percentiles people read off a latency histogram, in milliseconds. With no requests every figure is 0 and
 * {@code count} says so; JSON has no NaN.
 */
public record LatencySummary(long count, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);

    /** @param microseconds a histogram whose values are microseconds */
    public static LatencySummary of(Histogram microseconds) {
        if (microseconds.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(microseconds.getTotalCount(),
                millis(microseconds.getValueAtPercentile(50)),
                millis(microseconds.getValueAtPercentile(95)),
                millis(microseconds.getValueAtPercentile(99)),
                millis(microseconds.getMaxValue()));
    }

    /** Short and readable at every scale: {@code 0.42ms}, {@code 4.1ms}, {@code 38ms}, {@code 5.2s}. */
    public static String format(double millis) {
        if (millis >= 10_000) {
            return String.format(Locale.ROOT, "%.0fs", millis / 1000);
        }
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.0fms", millis);
        }
        if (millis >= 1) {
            return String.format(Locale.ROOT, "%.1fms", millis);
        }
        return String.format(Locale.ROOT, "%.2fms", millis);
    }

    private static double millis(long microseconds) {
        return microseconds / 1000.0;
    }
}
