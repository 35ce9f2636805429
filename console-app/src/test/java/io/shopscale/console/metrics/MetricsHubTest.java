package io.shopscale.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MetricsHubTest {

    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 5);

    @Test
    void requestsLandInTheSecondTheyFinishedIn() {
        time.advanceMillis(200);
        hub.recordRequest(ok("catalog", "replica-a", 4));
        time.advanceMillis(500);
        hub.recordRequest(ok("catalog", "replica-b", 6));
        time.advanceMillis(400);
        hub.recordRequest(ok("sso", "replica-a", 60));
        time.advanceMillis(1000);

        List<Sample> samples = hub.samples();

        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).start()).isEqualTo(FakeTime.ORIGIN);
        assertThat(samples.get(0).total().ok()).isEqualTo(2);
        assertThat(samples.get(0).services()).containsOnlyKeys("catalog");
        assertThat(samples.get(1).start()).isEqualTo(FakeTime.ORIGIN.plusSeconds(1));
        assertThat(samples.get(1).services().get("sso").ok()).isEqualTo(1);
        assertThat(samples.get(1).services().get("sso").latency().p99Millis()).isCloseTo(60, within(0.6));
    }

    @Test
    void aServiceSeenOnceStaysListedWithZerosWhileIdle() {
        hub.recordRequest(ok("catalog", "replica-a", 4));
        time.advanceMillis(2000);

        Sample idle = hub.samples().get(1);

        assertThat(idle.services().get("catalog")).isEqualTo(Traffic.NONE);
        assertThat(idle.total().requests()).isZero();
    }

    @Test
    void perSecondPercentilesComeFromThatSecondOnly() {
        for (int i = 0; i < 99; i++) {
            hub.recordRequest(ok("catalog", "a", 2));
        }
        hub.recordRequest(ok("catalog", "a", 3000));
        time.advanceMillis(1000);
        for (int i = 0; i < 100; i++) {
            hub.recordRequest(ok("catalog", "a", 2));
        }
        time.advanceMillis(1000);

        List<Sample> samples = hub.samples();

        assertThat(samples.get(0).services().get("catalog").latency().maxMillis()).isCloseTo(3000, within(30.0));
        assertThat(samples.get(1).services().get("catalog").latency().maxMillis()).isCloseTo(2, within(0.05));
    }

    @Test
    void sharesAreGivenPerServiceAndForAllTraffic() {
        hub.recordRequest(ok("catalog", "catalog-1", 1));
        hub.recordRequest(ok("catalog", "catalog-2", 1));
        hub.recordRequest(ok("orders", "orders-1", 1));
        hub.recordRequest(ok("orders", "orders-1", 1));
        time.advanceMillis(1000);

        Sample sample = hub.samples().get(0);

        assertThat(sample.services().get("catalog").replicas().get("catalog-1").share()).isCloseTo(0.5, within(1e-9));
        assertThat(sample.services().get("orders").replicas().get("orders-1").share()).isCloseTo(1, within(1e-9));
        assertThat(sample.total().replicas().get("orders-1").share()).isCloseTo(0.5, within(1e-9));
        assertThat(sample.total().replicas().get("catalog-2").share()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void keepsOnlyTheLastCapacitySamples() {
        for (int second = 0; second < 8; second++) {
            hub.recordRequest(ok("catalog", "a", second + 1));
            time.advanceMillis(1000);
        }

        List<Sample> samples = hub.samples();

        assertThat(samples).hasSize(5);
        assertThat(samples.get(0).start()).isEqualTo(FakeTime.ORIGIN.plusSeconds(3));
        assertThat(samples.get(4).start()).isEqualTo(FakeTime.ORIGIN.plusSeconds(7));
    }

    @Test
    void eventsShareTheSamplesTimelineAndLeaveWithThem() {
        time.advanceMillis(1500);
        Event scale = hub.recordEvent(EventKind.SCALE, "catalog 1 -> 3");
        time.advanceMillis(1000);

        assertThat(scale.time()).isEqualTo(FakeTime.ORIGIN.plusMillis(1500));
        assertThat(hub.samples().get(1).events()).containsExactly(scale);
        assertThat(hub.samples().get(0).events()).isEmpty();
        assertThat(hub.events()).containsExactly(scale);

        time.advance(Duration.ofSeconds(10));

        assertThat(hub.events()).isEmpty();
    }

    @Test
    void listenersHearOfFinishedSecondsOnlyWhenPublished() {
        List<Sample> heard = new ArrayList<>();
        Subscription subscription = hub.subscribe(heard::add);
        hub.recordRequest(ok("catalog", "a", 1));
        time.advanceMillis(2500);
        hub.recordRequest(ok("catalog", "a", 1));

        assertThat(heard).isEmpty();

        hub.publishFinishedSeconds();

        assertThat(heard).extracting(Sample::start)
                .containsExactly(FakeTime.ORIGIN, FakeTime.ORIGIN.plusSeconds(1));
        assertThat(heard.get(0).total().ok()).isEqualTo(1);

        subscription.close();
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(heard).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<Sample> heard = new ArrayList<>();
        hub.subscribe(sample -> {
            throw new IllegalStateException("broken panel");
        });
        hub.subscribe(heard::add);
        time.advanceMillis(1000);

        hub.publishFinishedSeconds();

        assertThat(heard).hasSize(1);
    }

    @Test
    void containerStatsAreRepeatedUntilTheyGoStale() {
        hub.recordContainerStats("catalog-1", 85.5, 90_000_000);
        time.advanceMillis(1000);
        time.advance(MetricsHub.STALE_AFTER);

        List<Sample> samples = hub.samples();

        assertThat(samples.get(0).containers()).containsEntry("catalog-1", new ContainerStats(85.5, 90_000_000));
        assertThat(samples.get(samples.size() - 1).containers()).isEmpty();
    }

    @Test
    void nginxRequestRateComesFromTwoReadings() {
        hub.recordNginxStatus(new NginxStatus(1, 10, 10, 100, 0, 1, 0));
        time.advanceMillis(500);
        hub.recordNginxStatus(new NginxStatus(1, 10, 10, 250, 0, 1, 0));
        time.advanceMillis(500);

        NginxTraffic nginx = hub.samples().get(0).nginx();

        assertThat(nginx.status().requests()).isEqualTo(250);
        assertThat(nginx.requestsPerSecond()).isCloseTo(300, within(1e-6));
    }

    @Test
    void aRestartedNginxHasNoRateRatherThanANegativeOne() {
        hub.recordNginxStatus(new NginxStatus(1, 10, 10, 5000, 0, 1, 0));
        time.advanceMillis(500);
        hub.recordNginxStatus(new NginxStatus(1, 1, 1, 3, 0, 1, 0));
        time.advanceMillis(500);

        assertThat(hub.samples().get(0).nginx().requestsPerSecond()).isEqualTo(-1);
    }

    @Test
    void aLongGapYieldsAtMostCapacityEmptySeconds() {
        hub.recordRequest(ok("catalog", "a", 1));
        time.advance(Duration.ofHours(2));

        List<Sample> samples = hub.samples();

        assertThat(samples).hasSize(5);
        assertThat(samples.get(4).end()).isEqualTo(time.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(samples).allSatisfy(sample -> assertThat(sample.total().requests()).isZero());
    }

    @Test
    void recordingFromManyThreadsLosesNothing() throws InterruptedException {
        MetricsHub systemHub = new MetricsHub(TimeSource.system(), 300);
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String replica = "replica-" + t;
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    systemHub.recordRequest(ok("catalog", replica, 1));
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        Thread.sleep(1100);

        long total = systemHub.samples().stream().mapToLong(sample -> sample.total().requests()).sum();

        assertThat(total).isEqualTo((long) threads * perThread);
    }

    private static CompletedRequest ok(String service, String replica, long latencyMillis) {
        return new CompletedRequest(service, replica, TimeUnit.MILLISECONDS.toNanos(latencyMillis), null);
    }
}
