package io.shopscale.kit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PauseDetectorTest {

    private static final long MS = 1_000_000L;

    @Test
    void aLookThatComesOnTimeOrSlightlyLateIsNoPause() {
        PauseDetector.Sample before = new PauseDetector.Sample(0, 10, 0, 0);
        assertThat(PauseDetector.between(before, new PauseDetector.Sample(100 * MS, 10, 0, 5 * MS))).isEmpty();
        assertThat(PauseDetector.between(before, new PauseDetector.Sample(599 * MS, 10, 65 * MS, 5 * MS)))
                .as("throttled within a few CFS periods").isEmpty();
    }

    @Test
    void aLateLookIsAPauseWithWhatTheCollectorsTheCapAndTheProcessDidMeanwhile() {
        PauseDetector.Sample before = new PauseDetector.Sample(1_000 * MS, 40, 300 * MS, 2_000 * MS);
        PauseDetector.Sample after = new PauseDetector.Sample(2_700 * MS, 90, 1_500 * MS, 2_120 * MS);

        assertThat(PauseDetector.between(before, after)).contains(new ReplicaPause(Duration.ofMillis(1_600),
                Duration.ofMillis(50), Optional.of(Duration.ofMillis(1_200)), Duration.ofMillis(120)));
    }

    @Test
    void aCgroupThatDoesNotSayLeavesTheThrottlingUnknown() {
        PauseDetector.Sample before = new PauseDetector.Sample(0, 0, -1, 0);
        PauseDetector.Sample after = new PauseDetector.Sample(1_100 * MS, 0, -1, 0);

        assertThat(PauseDetector.between(before, after)).get().extracting(ReplicaPause::throttled)
                .isEqualTo(Optional.empty());
    }
}
