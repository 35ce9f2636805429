package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.LatencySummary;

class WindowStatsTest {

    /** Nine calm seconds at 5 ms and one stalled second at 1 s, 100 requests each. */
    static List<Second> stall(boolean withHistograms) {
        List<Second> seconds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Histogram histogram = new Histogram(3);
            histogram.recordValueWithCount(i == 7 ? 1_000_000 : 5_000, 100);
            seconds.add(new Second(i, 100, 100, 0, LatencySummary.of(histogram), withHistograms ? histogram : null,
                    Map.of(), Map.of()));
        }
        return seconds;
    }

    @Test
    void percentilesComeFromTheMergedHistogramNotFromAveragedSeconds() {
        WindowStats stats = WindowStats.of(stall(true), new Window(0, 10));

        assertThat(stats.exact()).isTrue();
        assertThat(stats.requests()).isEqualTo(1000);
        // 10 % of the window's requests took 1 s: its p95 is 1 s. Averaging per-second p95s would give about 105 ms.
        assertThat(stats.latency().p95Millis()).isCloseTo(1000, within(1.0));
        assertThat(stats.latency().p50Millis()).isCloseTo(5, within(0.01));
        assertThat(stats.goodput()).isEqualTo(100);
    }

    @Test
    void onlyTheSecondsInsideTheWindowCount() {
        WindowStats stats = WindowStats.of(stall(true), new Window(0, 7));

        assertThat(stats.seconds()).isEqualTo(7);
        assertThat(stats.latency().p99Millis()).isCloseTo(5, within(0.01));
    }

    @Test
    void withoutHistogramsPercentilesAreAnUpperBoundAndSaySo() {
        WindowStats stats = WindowStats.of(stall(false), new Window(0, 10));

        assertThat(stats.exact()).isFalse();
        assertThat(stats.latency().p50Millis()).isCloseTo(1000, within(1.0));
        Verdict verdict = Verdict.judge("bounded", new Window(0, 10), List.of(new Check(Metric.P50, 10)),
                stall(false));
        assertThat(verdict.toText()).contains("(upper bound)").contains("FAILED");
    }

    @Test
    void aWindowTheRunDidNotReachIsNotJudged() {
        Verdict verdict = Verdict.judge("late", new Window(5, 15), List.of(new Check(Metric.ERROR_RATE, 0.01)),
                stall(true));

        assertThat(verdict.status()).isEqualTo(Verdict.Status.NOT_REACHED);
    }
}
