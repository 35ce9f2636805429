package io.shopscale.console.metrics;

/**
 * nginx's side of a second: its latest counters and the request rate derived from the last two readings.
 *
 * @param requestsPerSecond negative when there is no earlier reading, or when the counters went backwards because
 *                          nginx restarted
 */
public record NginxTraffic(NginxStatus status, double requestsPerSecond) {
}
