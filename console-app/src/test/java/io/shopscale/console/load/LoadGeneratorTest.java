package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Traffic;

/** Real runs over HTTP against a {@link FakeShop} on 127.0.0.1: a few seconds each. */
class LoadGeneratorTest {

    private FakeShop shop;
    private MetricsHub hub;
    private final List<LiveLine> liveLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startShop() throws IOException {
        shop = new FakeShop();
        hub = new MetricsHub().startTicking();
    }

    @AfterEach
    void stopShop() {
        hub.close();
        shop.close();
    }

    @Test
    void sustainsTheTargetRateWithNoErrorsAndEvenShares() throws Exception {
        LoadGenerator generator = new LoadGenerator(plan(200, Duration.ofSeconds(3)), hub);
        generator.onLiveLine(liveLines::add);

        LoadReport report = generator.run();

        assertThat(shop.rejected()).isEmpty();
        assertThat(report.started()).isEqualTo(600);
        assertThat(report.total().requests()).isEqualTo(600);
        assertThat(report.total().errors()).isZero();
        assertThat(report.achievedRate()).isCloseTo(200, within(4.0));
        assertThat(report.total().replicas()).containsOnlyKeys("replica-a", "replica-b");
        assertThat(report.total().replicas().get("replica-a").share()).isCloseTo(0.5, within(0.02));
        assertThat(report.scenarios()).containsOnlyKeys("browse", "search", "detail", "login", "order");
        assertThat(report.services()).containsOnlyKeys("catalog", "sso", "orders");
        Traffic orders = report.scenarios().get("order");
        assertThat(shop.orders()).isEqualTo(orders.ok());
        assertThat(shop.distinctIdempotencyKeys()).isEqualTo(orders.ok());
        // Loose on purpose: shared CI machines are noisy. It is the contrast with the stall test that matters.
        assertThat(report.latency().p99Millis()).isLessThan(1000);
        assertThat(liveLines).isNotEmpty().anySatisfy(line -> assertThat(line.ok()).isPositive());
    }

    @Test
    void feedsEveryRequestToTheMetricsHub() throws Exception {
        LoadReport report = new LoadGenerator(plan(100, Duration.ofSeconds(1)), hub).run();
        // The last second closes once the clock has passed it.
        Thread.sleep(1100);

        long inHub = hub.samples().stream().mapToLong(sample -> sample.total().requests()).sum();

        assertThat(inHub).isEqualTo(report.total().requests()).isEqualTo(100);
        assertThat(hub.samples()).anySatisfy(sample ->
                assertThat(sample.services()).containsKeys("catalog"));
    }

    @Test
    void aStallOfTheWholeShopShowsInTheTailLatency() throws Exception {
        LoadGenerator generator = new LoadGenerator(plan(200, Duration.ofSeconds(6)), hub);
        generator.onLiveLine(liveLines::add);
        ScheduledExecutorService stall = Executors.newSingleThreadScheduledExecutor();
        try {
            generator.start();
            stall.schedule(() -> shop.stallFor(Duration.ofSeconds(2)), 2, TimeUnit.SECONDS);

            LoadReport report = generator.awaitReport();

            assertThat(report.total().errors()).isZero();
            assertThat(report.total().requests()).isEqualTo(1200);
            // A third of the requests were due during the stall: the p99 is nearly the whole stall.
            assertThat(report.latency().p99Millis()).isGreaterThanOrEqualTo(1500);
            assertThat(report.latency().maxMillis()).isGreaterThanOrEqualTo(1800);
            assertThat(liveLines).anySatisfy(line -> assertThat(line.backlog()).isGreaterThan(100));
        } finally {
            stall.shutdownNow();
        }
    }

    @Test
    void responsesFinishedAfterTheRunCountTheSecondsTheyTookInTheAchievedRate() throws Exception {
        LoadGenerator generator = new LoadGenerator(plan(100, Duration.ofSeconds(2)), hub);
        ScheduledExecutorService stall = Executors.newSingleThreadScheduledExecutor();
        try {
            generator.start();
            // From 1 s to 3 s nothing answers: the last outcome comes about 1 s after the last start.
            stall.schedule(() -> shop.stallFor(Duration.ofSeconds(2)), 1, TimeUnit.SECONDS);

            LoadReport report = generator.awaitReport();

            assertThat(report.total().ok()).isEqualTo(200);
            assertThat(report.seconds()).isCloseTo(2, within(0.1));
            // 200 served over about 3 s, not over the 2 s they were sent in.
            assertThat(report.achievedRate()).isBetween(200 / 3.4, 200 / 2.9);
        } finally {
            stall.shutdownNow();
        }
    }

    @Test
    void theRateCanBeChangedWhileRunning() throws Exception {
        LoadGenerator generator = new LoadGenerator(plan(100, Duration.ofSeconds(2)), hub);
        generator.start();
        Thread.sleep(1000);

        double changedNoEarlierThan = secondsSince(generator.startedAt());
        generator.setRate(300);
        double changedNoLaterThan = secondsSince(generator.startedAt());
        LoadReport report = generator.awaitReport();

        // 100/s until the change, 300/s after it, without a ramp.
        assertThat(report.started()).isBetween(Math.round(600 - 200 * changedNoLaterThan) - 3,
                Math.round(600 - 200 * changedNoEarlierThan) + 3);
        assertThat(report.targetRate()).isEqualTo(300);
        assertThat(report.total().errors()).isZero();
    }

    @Test
    void stopEndsARunThatHasNoDuration() throws Exception {
        LoadGenerator generator = new LoadGenerator(plan(100, Duration.ZERO), hub);
        generator.start();
        Thread.sleep(700);

        generator.stop();
        LoadReport report = generator.awaitReport();

        assertThat(report.seconds()).isBetween(0.6, 1.0);
        assertThat(report.started()).isBetween(60L, 100L);
        assertThat(generator.isRunning()).isFalse();
    }

    @Test
    void anUnreachableShopFailsTheSetUpClearly() throws Exception {
        URI nobodyListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        LoadGenerator generator = new LoadGenerator(plan(100, Duration.ofSeconds(1)).withTarget(nobodyListens), hub);

        assertThatThrownBy(generator::start)
                .isInstanceOf(LoadSetupException.class)
                .hasMessageStartingWith("the shop at " + nobodyListens + " is not reachable: connection refused");
    }

    @Test
    void aGeneratorRunsOnce() throws Exception {
        LoadGenerator generator = new LoadGenerator(plan(50, Duration.ofMillis(200)), hub);
        generator.run();

        assertThatThrownBy(generator::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("create a new one for each run");
    }

    private double secondsSince(Instant start) {
        return Duration.between(start, hub.toInstant(System.nanoTime())).toNanos() / 1e9;
    }

    private LoadPlan plan(double rate, Duration duration) {
        return LoadPlan.against(shop.address())
                .withRate(rate)
                .withDuration(duration)
                .withShoppers(4)
                .withConnections(16)
                .withSeed(1);
    }
}
