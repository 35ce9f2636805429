package io.shopscale.console.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsTest {

    @Test
    void defaultIsTheSeedsOneCpuAndTheLowestMemoryThatHeldUnderLoad() {
        assertThat(Limits.DEFAULT).isEqualTo(new Limits(1, 160));
        assertThat(Limits.DEFAULT.nanoCpus()).isEqualTo(1_000_000_000L);
        assertThat(Limits.DEFAULT.memoryBytes()).isEqualTo(160L * 1024 * 1024);
    }

    @ParameterizedTest(name = "{0} cores: {1} CPU")
    @CsvSource({"1, 0.15", "2, 0.35", "3, 0.5", "4, 0.7", "5, 0.85", "6, 1", "64, 1"})
    void aDemoLeavesAboutHalfTheHostBesideThreeReplicasAndNeverExceedsTheSeedsCpu(int cores, double cpus) {
        assertThat(Limits.forDemo(cores)).isEqualTo(new Limits(cpus, Limits.DEFAULT.memoryMb()));
    }

    @Test
    void aDemoNeedsAHostWithACore() {
        assertThatThrownBy(() -> Limits.forDemo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a host has 1 core or more, not 0");
    }

    @Test
    void theDefaultLimitOfRequestsInFlightFollowsTheCpuCap() {
        assertThat(Limits.DEFAULT.replicaConcurrency()).isEqualTo(64);
        assertThat(new Limits(0.35, 256).replicaConcurrency()).isEqualTo(22);
        assertThat(new Limits(2, 256).replicaConcurrency()).isEqualTo(128);
        assertThat(new Limits(0.1, 256).replicaConcurrency()).as("a few at the smallest cap").isEqualTo(6);
        assertThat(new Limits(1, 256).withReplicaConcurrency(0)).isEqualTo(new Limits(1, 256, 0));
    }

    @ParameterizedTest(name = "{0} in flight")
    @CsvSource({"-1", "10001"})
    void rejectsALimitOfRequestsInFlightOutsideTheRange(int limit) {
        assertThatThrownBy(() -> new Limits(1, 256, limit))
                .isInstanceOf(TopologyException.class)
                .hasMessage("replica concurrency " + limit + " is out of range: use 1 to 10000 requests in flight "
                        + "per replica, or 0 for no limit");
    }

    @Test
    void acceptsTheBoundsOfTheRanges() {
        assertThat(new Limits(0.1, 64).nanoCpus()).isEqualTo(100_000_000L);
        assertThat(new Limits(16, 8192).memoryBytes()).isEqualTo(8192L * 1024 * 1024);
    }

    @ParameterizedTest(name = "cpus {0}")
    @CsvSource(delimiter = '|', value = {
            "0.05 | cpus 0.05 is out of range: use 0.1 to 16",
            "0    | cpus 0 is out of range: use 0.1 to 16",
            "16.5 | cpus 16.5 is out of range: use 0.1 to 16",
            "NaN  | cpus NaN is out of range: use 0.1 to 16",
    })
    void rejectsCpusOutsideTheRange(double cpus, String message) {
        assertThatThrownBy(() -> new Limits(cpus, 100))
                .isInstanceOf(TopologyException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} MB")
    @CsvSource({"63", "8193", "-1"})
    void rejectsMemoryOutsideTheRange(int memoryMb) {
        assertThatThrownBy(() -> new Limits(1, memoryMb))
                .isInstanceOf(TopologyException.class)
                .hasMessage("memory " + memoryMb + " MB is out of range: use 64 to 8192 MB");
    }
}
