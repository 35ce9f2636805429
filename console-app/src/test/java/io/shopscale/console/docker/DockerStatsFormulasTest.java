package io.shopscale.console.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;

import io.shopscale.console.metrics.ContainerStats;

/** Frames as the Engine API sends them, read the way docker-java reads them. */
class DockerStatsFormulasTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void cpuIsTheContainersShareOfHostCpuTimeScaledByOnlineCpus() {
        // Between the readings the host ran 2 s of CPU time (1 s on each of 2 CPUs); the container used 0.5 s.
        Statistics frame = frame(cpu(1_500_000_000L, 12_000_000_000L, 2), cpu(1_000_000_000L, 10_000_000_000L, 2),
                memory(100, "\"total_inactive_file\": 0"));

        assertThat(DockerStatsFormulas.of(frame)).hasValueSatisfying(stats ->
                assertThat(stats.cpuPercent()).isCloseTo(50.0, within(1e-9)));
    }

    @Test
    void aContainerBusyOnBothCoresShowsTwoHundredPercent() {
        Statistics frame = frame(cpu(3_000_000_000L, 12_000_000_000L, 2), cpu(1_000_000_000L, 10_000_000_000L, 2),
                memory(100, "\"total_inactive_file\": 0"));

        assertThat(DockerStatsFormulas.of(frame).map(ContainerStats::cpuPercent)).hasValue(200.0);
    }

    @Test
    void withoutOnlineCpusTheNumberOfPerCpuCountersIsUsed() {
        String now = "{\"cpu_usage\": {\"total_usage\": 1500000000, \"percpu_usage\": [1, 2, 3, 4]},"
                + " \"system_cpu_usage\": 12000000000}";

        Statistics frame = frame(now, cpu(1_000_000_000L, 10_000_000_000L, 4), memory(100, "\"inactive_file\": 0"));

        assertThat(DockerStatsFormulas.of(frame).map(ContainerStats::cpuPercent)).hasValue(100.0);
    }

    @Test
    void anIdleContainerShowsZero() {
        Statistics frame = frame(cpu(1_000_000_000L, 12_000_000_000L, 2), cpu(1_000_000_000L, 10_000_000_000L, 2),
                memory(100, "\"inactive_file\": 0"));

        assertThat(DockerStatsFormulas.of(frame).map(ContainerStats::cpuPercent)).hasValue(0.0);
    }

    @Test
    void theFirstFrameOfAStreamHasNothingToCompareWithAndGivesNoFigure() {
        String empty = "{\"cpu_usage\": {\"total_usage\": 0}, \"system_cpu_usage\": 0}";

        Statistics frame = frame(cpu(1_000_000_000L, 10_000_000_000L, 2), empty, memory(100, "\"inactive_file\": 0"));

        assertThat(DockerStatsFormulas.of(frame)).isEmpty();
    }

    @Test
    void memoryLeavesOutTheInactiveFileCacheOnCgroupV1() {
        Statistics frame = frame(cpu(2, 20, 1), cpu(1, 10, 1),
                memory(200_000_000, "\"total_inactive_file\": 50000000, \"inactive_file\": 1000"));

        assertThat(DockerStatsFormulas.of(frame).map(ContainerStats::memoryBytes)).hasValue(150_000_000L);
    }

    @Test
    void memoryLeavesOutTheInactiveFileCacheOnCgroupV2() {
        Statistics frame = frame(cpu(2, 20, 1), cpu(1, 10, 1), memory(200_000_000, "\"inactive_file\": 30000000"));

        assertThat(DockerStatsFormulas.of(frame).map(ContainerStats::memoryBytes)).hasValue(170_000_000L);
    }

    @Test
    void aCacheFigureAboveUsageIsIgnored() {
        Statistics frame = frame(cpu(2, 20, 1), cpu(1, 10, 1), memory(1000, "\"inactive_file\": 5000"));

        assertThat(DockerStatsFormulas.of(frame).map(ContainerStats::memoryBytes)).hasValue(1000L);
    }

    private static String cpu(long total, long system, int onlineCpus) {
        return "{\"cpu_usage\": {\"total_usage\": " + total + "}, \"system_cpu_usage\": " + system
                + ", \"online_cpus\": " + onlineCpus + "}";
    }

    private static String memory(long usage, String stats) {
        return "{\"usage\": " + usage + ", \"stats\": {" + stats + "}}";
    }

    private static Statistics frame(String cpu, String preCpu, String memory) {
        try {
            return JSON.readValue("{\"cpu_stats\": " + cpu + ", \"precpu_stats\": " + preCpu
                    + ", \"memory_stats\": " + memory + "}", Statistics.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
