package io.shopscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class TrafficRecorderTest {

    private final TrafficRecorder recorder = TrafficRecorder.precise();

    @Test
    void sharesAreEachReplicasPartOfTheResponsesThatNamedOne() {
        for (int i = 0; i < 3; i++) {
            recorder.record(ok("replica-a", 5));
        }
        recorder.record(ok("replica-b", 5));
        recorder.record(new CompletedRequest("catalog", null, millis(5), "connection refused"));

        Traffic traffic = recorder.snapshot();

        assertThat(traffic.replicas()).containsOnlyKeys("replica-a", "replica-b");
        assertThat(traffic.replicas().get("replica-a").requests()).isEqualTo(3);
        assertThat(traffic.replicas().get("replica-a").share()).isCloseTo(0.75, within(1e-9));
        assertThat(traffic.replicas().get("replica-b").share()).isCloseTo(0.25, within(1e-9));
        assertThat(traffic.requests()).isEqualTo(5);
    }

    @Test
    void errorsAreCountedByKind() {
        recorder.record(ok("a", 1));
        recorder.record(new CompletedRequest("catalog", "a", millis(1), "http 503"));
        recorder.record(new CompletedRequest("catalog", "a", millis(1), "http 503"));
        recorder.record(new CompletedRequest("catalog", null, millis(10_000), "timeout"));

        Traffic traffic = recorder.snapshot();

        assertThat(traffic.ok()).isEqualTo(1);
        assertThat(traffic.errors()).isEqualTo(3);
        assertThat(traffic.errorsByKind()).containsExactly(
                java.util.Map.entry("http 503", 2L), java.util.Map.entry("timeout", 1L));
        assertThat(traffic.errorRate()).isCloseTo(0.75, within(1e-9));
    }

    /** Fast refusals of a shop that sheds load must not hide how long its served requests took. */
    @Test
    void theServedLatencyLeavesOutTheFailedRequests() {
        recorder.record(ok("a", 400));
        for (int i = 0; i < 9; i++) {
            recorder.record(new CompletedRequest("catalog", null, millis(1), "shed"));
        }

        Traffic traffic = recorder.snapshot();

        assertThat(traffic.latency().p50Millis()).isLessThan(2);
        assertThat(traffic.servedLatency().p50Millis()).isCloseTo(400, within(1.0));
        assertThat(traffic.errorsByKind()).containsEntry("shed", 9L);
    }

    @Test
    void aRequestNeverSentCountsAsAnErrorButHasNoLatency() {
        recorder.record(ok("a", 3));
        recorder.record(new CompletedRequest("catalog", null, CompletedRequest.NOT_SENT, "overload"));

        Traffic traffic = recorder.snapshot();

        assertThat(traffic.errorsByKind()).containsEntry("overload", 1L);
        assertThat(traffic.latency().count()).isEqualTo(1);
        assertThat(traffic.latency().maxMillis()).isCloseTo(3, within(0.01));
    }

    @Test
    void aServerNamingEndlessReplicasIsFoldedIntoOther() {
        for (int i = 0; i < TrafficRecorder.MAX_REPLICAS + 10; i++) {
            recorder.record(ok("replica-" + i, 1));
        }

        assertThat(recorder.snapshot().replicas()).hasSize(TrafficRecorder.MAX_REPLICAS + 1)
                .containsKey(TrafficRecorder.OTHER_REPLICAS);
        assertThat(recorder.snapshot().replicas().get(TrafficRecorder.OTHER_REPLICAS).requests()).isEqualTo(10);
    }

    @Test
    void resetStartsAgainFromNothing() {
        recorder.record(ok("a", 3));
        recorder.reset();

        assertThat(recorder.snapshot()).isEqualTo(Traffic.NONE);
    }

    private static CompletedRequest ok(String replica, long latencyMillis) {
        return new CompletedRequest("catalog", replica, millis(latencyMillis), null);
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
