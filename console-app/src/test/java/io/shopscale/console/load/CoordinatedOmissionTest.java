package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.LatencySummary;

/**
 * Latency counts from each request's intended start. A closed-loop or send-time measurement would record one slow
 * request per connection during a stall and hide the rest; these tests pin down that every request due during a
 * stall records the time it waited.
 */
class CoordinatedOmissionTest {

    private static final long MILLI = 1_000_000L;
    private static final long SERVICE_TIME = 2 * MILLI;

    private record Finished(long intendedNanos, Outcome outcome) {
    }

    private final FakeTime time = new FakeTime();
    private final ScriptedTransport shop = new ScriptedTransport(time);
    private final List<Finished> finished = new ArrayList<>();
    private final RunStatistics statistics = new RunStatistics();
    private final RequestPipeline pipeline = new RequestPipeline(shop, time, 16, 10_000, Duration.ofSeconds(10),
            (call, intended, outcome) -> {
                finished.add(new Finished(intended, outcome));
                statistics.record(call.scenario(), outcome.asCompletedRequest("catalog"));
            });
    private final long start = time.nanoTime();
    private final Arrivals arrivals = new Arrivals(RateSchedule.steady(100, start), start, start + 4000 * MILLI);

    @Test
    void requestsDueWhileTheShopStalledCountTheirWaiting() {
        // The shop answers nothing from 1 s to 2 s, like `docker pause` on every replica.
        runMillis(4200, now -> !(now >= at(1000) && now < at(2000)), now -> true);

        assertThat(finished).hasSize(400);
        List<Finished> dueDuringStall = finished.stream()
                .filter(request -> request.intendedNanos() >= at(1000) && request.intendedNanos() < at(2000))
                .toList();
        assertThat(dueDuringStall).hasSize(100).allSatisfy(request ->
                assertThat(request.outcome().latencyNanos()).isGreaterThanOrEqualTo(at(2000) - request.intendedNanos()));
        LatencySummary latency = statistics.total().latency();
        assertThat(latency.maxMillis()).isGreaterThanOrEqualTo(1000);
        // 100 of 400 requests waited from 0 to 1 s, evenly: a p99 near a second, not the 2 ms service time.
        assertThat(latency.p99Millis()).isGreaterThan(950);
        assertThat(latency.p50Millis()).isLessThan(10);
    }

    @Test
    void requestsQueuedBehindBusyConnectionsCountTheirQueueing() {
        runMillis(4200, now -> !(now >= at(1000) && now < at(2000)), now -> true);

        // Only 16 requests could be in flight during the stall; the others waited in the generator, and their
        // latency says so, though they were sent and answered quickly once the shop came back.
        Finished queued = finished.stream().filter(request -> request.intendedNanos() == at(1500)).findFirst()
                .orElseThrow();
        assertThat(queued.outcome().latencyNanos()).isBetween(500 * MILLI, 510 * MILLI);
    }

    @Test
    void requestsStartedLateBecauseTheGeneratorStalledCountTheirLateness() {
        // The generator's own thread stops from 1 s to 1.5 s (a GC pause, a busy laptop); the shop is fine.
        runMillis(4200, now -> true, now -> !(now >= at(1000) && now < at(1500)));

        assertThat(finished).hasSize(400);
        Finished firstLate = finished.stream().filter(request -> request.intendedNanos() == at(1000)).findFirst()
                .orElseThrow();
        assertThat(firstLate.outcome().latencyNanos()).isEqualTo(500 * MILLI + SERVICE_TIME);
        assertThat(statistics.total().latency().p99Millis()).isGreaterThan(400);
    }

    private void runMillis(long millis, java.util.function.LongPredicate shopAnswersAt,
                           java.util.function.LongPredicate generatorRunsAt) {
        for (long step = 0; step <= millis; step++) {
            long now = time.nanoTime();
            if (generatorRunsAt.test(now)) {
                arrivals.startDue(now, intended -> pipeline.submit(
                        new ScenarioCall(Scenario.DETAIL, ShopRequest.get("/api/catalog/products/1"), null), intended));
            }
            if (shopAnswersAt.test(now)) {
                shop.answerThoseSentBefore(SERVICE_TIME);
            }
            time.advanceMillis(1);
        }
    }

    private long at(long millis) {
        return start + millis * MILLI;
    }
}
