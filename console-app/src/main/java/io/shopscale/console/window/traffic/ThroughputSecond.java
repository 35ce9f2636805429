package io.shopscale.console.window.traffic;

import io.shopscale.console.metrics.LatencySummary;

/**
 * One second of the throughput chart.
 *
 * @param time    seconds since the panel opened, the chart's x axis
 * @param ok      requests that succeeded in that second, hence per second
 * @param errors  requests that failed in that second
 * @param latency that second's percentiles; {@code latency.count()} is 0 when nothing finished
 */
public record ThroughputSecond(double time, long ok, long errors, LatencySummary latency) {

    public boolean hasLatency() {
        return latency.count() > 0;
    }
}
