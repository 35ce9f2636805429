package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Sample;

class WindowStatsTest {

    /** Nine calm seconds at 5 ms and one stalled second at 1 s, 100 requests each. */
    static List<Second> stall() {
        List<Second> seconds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Histogram histogram = new Histogram(3);
            histogram.recordValueWithCount(i == 7 ? 1_000_000 : 5_000, 100);
            seconds.add(new Second(i, 100, 100, 0, LatencySummary.of(histogram), histogram,
                    Map.of(), Map.of()));
        }
        return seconds;
    }

    @Test
    void percentilesComeFromTheMergedHistogramNotFromAveragedSeconds() {
        WindowStats stats = WindowStats.of(stall(), new Window(0, 10));

        assertThat(stats.requests()).isEqualTo(1000);
        // 10 % of the window's requests took 1 s: its p95 is 1 s. Averaging per-second p95s would give about 105 ms.
        assertThat(stats.latency().p95Millis()).isCloseTo(1000, within(1.0));
        assertThat(stats.latency().p50Millis()).isCloseTo(5, within(0.01));
        assertThat(stats.goodput()).isEqualTo(100);
    }

    @Test
    void onlyTheSecondsInsideTheWindowCount() {
        WindowStats stats = WindowStats.of(stall(), new Window(0, 7));

        assertThat(stats.seconds()).isEqualTo(7);
        assertThat(stats.latency().p99Millis()).isCloseTo(5, within(0.01));
    }

    /**
     * The hub's seconds carry their histograms to the window: one calm second and one where a tenth of the requests
     * took 1 s. The largest per-second p95 is 1 s; the window's p95 over both seconds' 200 requests is 5 ms.
     */
    @Test
    void theMetricsHubsSecondsMergeIntoTheWindowsPercentiles() {
        FakeTime time = new FakeTime();
        MetricsHub hub = new MetricsHub(time, 60);
        List<Sample> samples = new ArrayList<>();
        hub.subscribe(samples::add);
        for (int second = 0; second < 2; second++) {
            for (int i = 0; i < 100; i++) {
                long millis = second == 1 && i < 10 ? 1000 : 5;
                hub.recordRequest(new CompletedRequest("catalog", "a", millis * 1_000_000, null));
            }
            time.advance(Duration.ofSeconds(1));
        }
        hub.publishFinishedSeconds();
        List<Second> seconds = new ArrayList<>();
        for (Sample sample : samples) {
            seconds.add(new Second(seconds.size(), 100, sample.total().ok(), sample.total().errors(),
                    sample.total().latency(), sample.latency(), Map.of(), Map.of()));
        }

        WindowStats stats = WindowStats.of(seconds, new Window(0, 2));

        assertThat(seconds.get(1).latency().p95Millis()).isCloseTo(1000, within(10.0));
        assertThat(stats.requests()).isEqualTo(200);
        assertThat(stats.latency().p95Millis()).isCloseTo(5, within(0.05));
        assertThat(stats.latency().p99Millis()).isCloseTo(1000, within(10.0));
    }

    @Test
    void aWindowTheRunDidNotReachIsNotJudged() {
        Verdict verdict = Verdict.judge("late", new Window(5, 15), List.of(new Check(Metric.ERROR_RATE, 0.01)),
                stall());

        assertThat(verdict.status()).isEqualTo(Verdict.Status.NOT_REACHED);
    }

    @Test
    void aWindowInWhichNoRequestFinishedFailsItsChecks() {
        List<Second> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idle.add(new Second(i, 20, 0, 0, LatencySummary.NONE, new Histogram(3), Map.of(), Map.of()));
        }

        Verdict verdict = Verdict.judge("steady state before", new Window(0, 5),
                List.of(new Check(Metric.ERROR_RATE, 0.01), new Check(Metric.P99, 500)), idle);

        assertThat(verdict.status()).isEqualTo(Verdict.Status.FAILED);
        assertThat(verdict.toText()).contains("no request finished in this window");
    }
}
