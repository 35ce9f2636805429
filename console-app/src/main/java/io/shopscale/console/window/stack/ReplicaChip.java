package io.shopscale.console.window.stack;

import java.util.Locale;

import io.shopscale.console.metrics.ContainerStats;

/**
 * One replica as its service card shows it.
 *
 * @param stats null when Docker's figures for it have not arrived (yet)
 */
public record ReplicaChip(String container, int replica, ReplicaState state, ContainerStats stats) {

    /** {@code 12% · 143 MiB}, or a dash before the first figures. */
    public String usage() {
        if (stats == null) {
            return "cpu – · mem –";
        }
        return String.format(Locale.ROOT, "cpu %.0f%% · %d MiB", stats.cpuPercent(),
                stats.memoryBytes() / (1024 * 1024));
    }
}
