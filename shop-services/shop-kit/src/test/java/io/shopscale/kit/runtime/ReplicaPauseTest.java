package io.shopscale.kit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReplicaPauseTest {

    private static ReplicaPause pause(long lateMs, long gcMs, Long throttledMs, long cpuMs) {
        return new ReplicaPause(Duration.ofMillis(lateMs), Duration.ofMillis(gcMs),
                Optional.ofNullable(throttledMs).map(Duration::ofMillis), Duration.ofMillis(cpuMs));
    }

    @Test
    void aPauseMostlySpentCollectingGarbageIsCalledAGarbageCollection() {
        assertThat(pause(1_200, 900, 100L, 950).describe()).isEqualTo("This replica paused for 1200 ms: a garbage"
                + " collection stopped it (garbage collection 900 ms, held back by the CPU cap 100 ms, process CPU"
                + " 950 ms).");
    }

    @Test
    void aPauseMostlySpentThrottledIsPutOnTheCpuCap() {
        assertThat(pause(1_600, 20, 1_300L, 300).describe()).startsWith("This replica paused for 1600 ms: its"
                + " container's CPU cap held it back, as it had used its quota (");
    }

    @Test
    void aPauseWithNeitherIsPutOnTheHost() {
        assertThat(pause(2_000, 0, 30L, 10).describe()).startsWith("This replica paused for 2000 ms: its host gave it"
                + " no CPU (other processes took the CPUs, or the container was frozen) (");
        assertThat(pause(2_000, 0, null, 10).describe()).contains("held back by the CPU cap unknown");
    }
}
