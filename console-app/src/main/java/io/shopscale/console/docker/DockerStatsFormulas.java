package io.shopscale.console.docker;

import java.util.List;
import java.util.Optional;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;

import io.shopscale.console.metrics.ContainerStats;

/**
 * CPU and memory from one Docker stats frame, computed as {@code docker stats} computes them, so the console and
 * the terminal show the same figures.
 */
final class DockerStatsFormulas {

    private DockerStatsFormulas() {
    }

    /** Empty when the frame has no earlier reading to compare with, as the first frame of a stream may. */
    static Optional<ContainerStats> of(Statistics frame) {
        Optional<Double> cpu = cpuPercent(frame.getCpuStats(), frame.getPreCpuStats());
        long memory = memoryBytes(frame.getMemoryStats());
        return cpu.map(percent -> new ContainerStats(percent, memory));
    }

    /**
     * The container's share of the host's CPU time between the two readings, scaled by the number of online CPUs:
     * 100 % is one full core, 200 % two.
     */
    static Optional<Double> cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
                || value(before.getSystemCpuUsage()) == 0) {
            return Optional.empty();
        }
        double containerDelta = value(now.getCpuUsage().getTotalUsage()) - value(before.getCpuUsage().getTotalUsage());
        double systemDelta = value(now.getSystemCpuUsage()) - value(before.getSystemCpuUsage());
        if (systemDelta <= 0 || containerDelta <= 0) {
            return Optional.of(0.0);
        }
        return Optional.of(containerDelta / systemDelta * onlineCpus(now) * 100);
    }

    /** Usage minus the inactive file cache, which the kernel reclaims first: what the container really holds. */
    static long memoryBytes(MemoryStatsConfig memory) {
        if (memory == null || memory.getUsage() == null) {
            return 0;
        }
        long usage = memory.getUsage();
        StatsConfig details = memory.getStats();
        if (details == null) {
            return usage;
        }
        // cgroup v1 reports total_inactive_file; cgroup v2 reports inactive_file.
        Long inactiveFile = details.getTotalInactiveFile() != null ? details.getTotalInactiveFile()
                : details.getInactiveFile();
        return inactiveFile != null && inactiveFile < usage ? usage - inactiveFile : usage;
    }

    private static long onlineCpus(CpuStatsConfig cpu) {
        if (cpu.getOnlineCpus() != null && cpu.getOnlineCpus() > 0) {
            return cpu.getOnlineCpus();
        }
        List<Long> perCpu = cpu.getCpuUsage().getPercpuUsage();
        return perCpu == null ? 1 : Math.max(1, perCpu.size());
    }

    private static long value(Long number) {
        return number == null ? 0 : number;
    }
}
