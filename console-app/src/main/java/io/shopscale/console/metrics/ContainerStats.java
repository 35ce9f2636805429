package io.shopscale.console.metrics;

/** The last resource figures Docker reported for one container. */
public record ContainerStats(double cpuPercent, long memoryBytes) {
}
