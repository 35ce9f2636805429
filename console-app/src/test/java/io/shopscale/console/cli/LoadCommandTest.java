package io.shopscale.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.ContainerStats;

class LoadCommandTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theLiveLineEndsWithEachReplicasCpuAndMemoryInNameOrder() {
        Map<String, ContainerStats> containers = new TreeMap<>(Map.of(
                "shop-monolith-2", new ContainerStats(41.4, 176 * MIB),
                "shop-monolith-1", new ContainerStats(45.6, 182 * MIB + 300_000)));

        assertThat(LoadCommand.containers(containers))
                .isEqualTo("  cpu shop-monolith-1 46% 182MiB, shop-monolith-2 41% 176MiB");
    }

    @Test
    void beforeDockerReportsAnythingTheLiveLineIsLeftAsItIs() {
        assertThat(LoadCommand.containers(Map.of())).isEmpty();
    }
}
