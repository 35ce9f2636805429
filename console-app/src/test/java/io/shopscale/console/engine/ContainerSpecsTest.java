package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.Limits;

class ContainerSpecsTest {

    @Test
    void theHeapIsWhatTheLimitLeavesBesideTheJvmsOwnMemoryAtMostFortyPercentAtLeastThirtyTwo() {
        assertThat(ContainerSpecs.heapMb(Limits.DEFAULT.memoryMb())).isEqualTo(60);
        assertThat(ContainerSpecs.heapMb(144)).isEqualTo(44);
        assertThat(ContainerSpecs.heapMb(256)).as("40 % of the limit").isEqualTo(102);
        assertThat(ContainerSpecs.heapMb(1024)).isEqualTo(409);
        assertThat(ContainerSpecs.heapMb(128)).as("the smallest heap the shop serves with").isEqualTo(32);
        assertThat(ContainerSpecs.heapMb(Limits.MIN_MEMORY_MB)).isEqualTo(32);
    }

    @Test
    void aReplicasJavaOptionsCarryItsHeapAndMapTheClassDataArchiveWhereItWasWritten() {
        String options = ContainerSpecs.appEnvironment("monolith", "haproxy", "nginx", false, 160)
                .get("JAVA_TOOL_OPTIONS");

        assertThat(options).startsWith(ContainerSpecs.JAVA_OPTIONS).endsWith(" -Xmx60m")
                .contains("-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0")
                .doesNotContain("RAMPercentage");
    }
}
