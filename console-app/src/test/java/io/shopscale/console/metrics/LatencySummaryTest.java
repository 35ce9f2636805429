package io.shopscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfAKnownDistribution() {
        Histogram micros = new Histogram(3_600_000_000L, 3);
        for (int millis = 1; millis <= 1000; millis++) {
            micros.recordValue(millis * 1000L);
        }

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50Millis()).isCloseTo(500, within(0.5));
        assertThat(summary.p95Millis()).isCloseTo(950, within(1.0));
        assertThat(summary.p99Millis()).isCloseTo(990, within(1.0));
        assertThat(summary.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void oneSlowRequestInAHundredIsTheP99() {
        Histogram micros = new Histogram(3_600_000_000L, 3);
        micros.recordValueWithCount(2_000, 98);
        micros.recordValueWithCount(5_000_000, 2);

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.p50Millis()).isCloseTo(2, within(0.01));
        assertThat(summary.p99Millis()).isCloseTo(5000, within(5.0));
    }

    @Test
    void anEmptyHistogramGivesZerosAndACountOfZero() {
        assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.NONE);
        assertThat(LatencySummary.NONE.count()).isZero();
    }

    @Test
    void formatsEveryScaleShortly() {
        assertThat(LatencySummary.format(0.42)).isEqualTo("0.42ms");
        assertThat(LatencySummary.format(4.06)).isEqualTo("4.1ms");
        assertThat(LatencySummary.format(38.2)).isEqualTo("38ms");
        assertThat(LatencySummary.format(5210)).isEqualTo("5.2s");
        assertThat(LatencySummary.format(12_400)).isEqualTo("12s");
    }
}
