package io.shopscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContainerUsageSummaryTest {

    private static final long MIB = 1024 * 1024;

    private final ContainerUsageSummary summary = new ContainerUsageSummary();

    @Test
    void keepsEachContainersMeanAndPeakCpuAndPeakMemory() {
        summary.accept(sample(Map.of("shop-monolith-1", new ContainerStats(20, 150 * MIB),
                "shop-monolith-2", new ContainerStats(10, 140 * MIB))));
        summary.accept(sample(Map.of("shop-monolith-1", new ContainerStats(60, 180 * MIB))));
        summary.accept(sample(Map.of("shop-monolith-1", new ContainerStats(40, 170 * MIB))));

        ContainerUsageSummary.Usage first = summary.byContainer().get("shop-monolith-1");
        assertThat(first.seconds()).isEqualTo(3);
        assertThat(first.meanCpuPercent()).isCloseTo(40, within(1e-9));
        assertThat(first.peakCpuPercent()).isEqualTo(60);
        assertThat(first.peakMemoryBytes()).isEqualTo(180 * MIB);
        assertThat(summary.byContainer().get("shop-monolith-2").seconds()).isEqualTo(1);
    }

    @Test
    void printsOneLinePerContainerInNameOrder() {
        summary.accept(sample(Map.of("shop-monolith-2", new ContainerStats(10, 140 * MIB),
                "shop-monolith-1", new ContainerStats(45.4, 182 * MIB))));

        assertThat(summary.toText()).isEqualTo("""
                container                       cpu mean  cpu peak memory peak
                shop-monolith-1                      45%       45%      182MiB
                shop-monolith-2                      10%       10%      140MiB
                """);
    }

    @Test
    void saysSoWhenDockerReportedNothing() {
        summary.accept(sample(Map.of()));

        assertThat(summary.toText()).isEqualTo("(no container stats from Docker)\n");
    }

    private static Sample sample(Map<String, ContainerStats> containers) {
        return new Sample(FakeTime.ORIGIN, Traffic.NONE, Map.of(), containers, null, List.of(),
                new org.HdrHistogram.Histogram(2));
    }
}
