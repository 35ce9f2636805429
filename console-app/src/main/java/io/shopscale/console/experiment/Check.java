package io.shopscale.console.experiment;

/**
 * One limit on a window: {@code max-p99: 300ms} is {@code Check(P99, 300.0)}.
 *
 * @param limit a share (0 to 1) for the error rate, milliseconds for latency, requests per second for the rate
 */
public record Check(Metric metric, double limit) {

    public boolean passes(double measured) {
        return metric.upperLimit() ? measured <= limit : measured >= limit;
    }

    /** {@code p99 <= 300ms}. */
    public String toText() {
        String name = metric.key().substring(4);
        return name + (metric.upperLimit() ? " <= " : " >= ") + metric.format(limit);
    }
}
