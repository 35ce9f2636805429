package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.metrics.Sample;
import io.shopscale.console.metrics.Traffic;

class LiveLineTest {

    private static final Instant RUN_START = Instant.parse("2025-01-01T12:00:00.300Z");

    @Test
    void showsASecondOnOneLine() {
        Traffic second = new Traffic(300, 299, 1, Map.of("http 502", 1L), new LatencySummary(300, 4, 9, 38, 51),
                Map.of("b", new ReplicaShare(99, 0.33), "a", new ReplicaShare(102, 0.34),
                        "c", new ReplicaShare(99, 0.33)));
        Sample sample = new Sample(RUN_START.plusSeconds(11).plusMillis(200), second, Map.of(), Map.of(), null,
                List.of(), new org.HdrHistogram.Histogram(2));

        LiveLine line = LiveLine.of(sample, RUN_START, 300, 0);

        assertThat(line.toText()).isEqualTo("12s  rate 300/s  ok 299  err 1  p50 4.0ms  p99 38ms  replicas a:34% b:33% c:33%");
    }

    @Test
    void aStalledSecondShowsNoLatencyButItsBacklog() {
        LiveLine line = new LiveLine(7, 2.5, 0, 0, LatencySummary.NONE, Map.of(), 1500);

        assertThat(line.toText()).isEqualTo("7s  rate 2.5/s  ok 0  err 0  p50 -  p99 -  backlog 1500");
    }
}
