package io.shopscale.console.metrics;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Each container's CPU and memory over a run, gathered from the hub's samples as they are published: subscribe it
 * with {@link MetricsHub#subscribe}. Thread-safe.
 */
public final class ContainerUsageSummary implements Consumer<Sample> {

    /**
     * @param seconds         how many samples reported the container
     * @param meanCpuPercent  100 is one full core
     * @param peakMemoryBytes usage without the inactive file cache, as {@code docker stats} shows it
     */
    public record Usage(long seconds, double meanCpuPercent, double peakCpuPercent, long peakMemoryBytes) {

        Usage plus(ContainerStats stats) {
            long count = seconds + 1;
            return new Usage(count, meanCpuPercent + (stats.cpuPercent() - meanCpuPercent) / count,
                    Math.max(peakCpuPercent, stats.cpuPercent()), Math.max(peakMemoryBytes, stats.memoryBytes()));
        }
    }

    private static final Usage NOTHING_YET = new Usage(0, 0, 0, 0);

    private final Map<String, Usage> byContainer = new TreeMap<>();

    @Override
    public synchronized void accept(Sample sample) {
        sample.containers().forEach((container, stats) ->
                byContainer.put(container, byContainer.getOrDefault(container, NOTHING_YET).plus(stats)));
    }

    /** By container name, in name order. */
    public synchronized Map<String, Usage> byContainer() {
        return Collections.unmodifiableMap(new TreeMap<>(byContainer));
    }

    /** A table for a terminal; one line saying so when Docker reported nothing. */
    public synchronized String toText() {
        if (byContainer.isEmpty()) {
            return "(no container stats from Docker)\n";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-30s %9s %9s %11s%n", "container",
                "cpu mean", "cpu peak", "memory peak"));
        byContainer.forEach((container, usage) -> text.append(String.format(Locale.ROOT, "%-30s %8.0f%% %8.0f%% %11s%n",
                container, usage.meanCpuPercent(), usage.peakCpuPercent(), mebibytes(usage.peakMemoryBytes()))));
        return text.toString();
    }

    /** {@code 182MiB}: as precise as a glance needs. */
    public static String mebibytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0)) + "MiB";
    }
}
