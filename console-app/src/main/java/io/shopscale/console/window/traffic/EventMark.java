package io.shopscale.console.window.traffic;

import io.shopscale.console.metrics.EventKind;

/**
 * A scale, kill or reload placed on the chart's timeline.
 *
 * @param time  seconds since the panel opened, on the same axis as {@link ThroughputSecond#time()}
 * @param label such as {@code 14:03:07  scale  monolith → 3}
 */
public record EventMark(double time, EventKind kind, String label) {
}
