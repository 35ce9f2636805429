package io.shopscale.console.window.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.BackgroundWork;
import io.shopscale.console.window.Lane;

class ThroughputViewModelTest {

    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 300);

    private ThroughputViewModel panel(Background background) {
        return new ThroughputViewModel(hub, background, ZoneOffset.UTC);
    }

    @Test
    void eachPublishedSecondBecomesAPointWithOkErrorsAndPercentiles() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        for (int i = 0; i < 9; i++) {
            hub.recordRequest(ok("catalog", "shop-monolith-1", 4));
        }
        hub.recordRequest(failed("catalog", "http 503"));
        time.advanceMillis(1000);
        hub.recordRequest(ok("sso", "shop-monolith-2", 60));
        time.advanceMillis(1000);

        hub.publishFinishedSeconds();

        assertThat(traffic.seconds()).extracting(ThroughputSecond::time, ThroughputSecond::ok,
                ThroughputSecond::errors).containsExactly(
                tuple(0.0, 9L, 1L),
                tuple(1.0, 1L, 0L));
        assertThat(traffic.seconds().get(0).latency().p50Millis()).isCloseTo(4, within(0.1));
        assertThat(traffic.latencyProperty().get()).isEqualTo("p50 60ms · p95 60ms · p99 60ms");
        assertThat(traffic.replicaBars()).extracting(ReplicaBar::replica, ReplicaBar::label)
                .containsExactly(tuple("shop-monolith-2", "100% · 1 request"));
    }

    @Test
    void choosingAServiceShowsOnlyItsRequestsAndItsReplicaShares() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        hub.recordRequest(ok("catalog", "shop-catalog-1", 4));
        hub.recordRequest(ok("catalog", "shop-catalog-2", 4));
        hub.recordRequest(ok("catalog", "shop-catalog-2", 4));
        hub.recordRequest(ok("sso", "shop-sso-1", 60));
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(traffic.services()).containsExactly(ThroughputViewModel.ALL_SERVICES, "catalog", "sso");
        traffic.serviceProperty().set("catalog");

        assertThat(traffic.seconds()).extracting(ThroughputSecond::ok).containsExactly(3L);
        assertThat(traffic.replicaBars()).extracting(ReplicaBar::replica, ReplicaBar::label).containsExactly(
                tuple("shop-catalog-1", "33% · 1 request"),
                tuple("shop-catalog-2", "67% · 2 requests"));
        assertThat(traffic.latencyProperty().get()).startsWith("p50 4.0ms");
    }

    @Test
    void scaleKillAndReloadAreMarkedAtTheirTimeOnTheTimeline() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        time.advanceMillis(1500);
        hub.recordEvent(EventKind.SCALE, "monolith → 3");
        time.advanceMillis(1000);
        hub.recordEvent(EventKind.KILL, "shop-monolith-2");
        time.advanceMillis(1000);

        hub.publishFinishedSeconds();

        assertThat(traffic.events()).extracting(EventMark::time, EventMark::kind, EventMark::label).containsExactly(
                tuple(1.5, EventKind.SCALE, "12:00:01  scale  monolith → 3"),
                tuple(2.5, EventKind.KILL, "12:00:02  kill  shop-monolith-2"));
        assertThat(traffic.clockAt(2.5)).isEqualTo("12:00:02");
    }

    @Test
    void whatTheHubHeldBeforeThePanelOpenedIsShownOnce() {
        hub.recordRequest(ok("catalog", "shop-monolith-1", 4));
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();
        time.advanceMillis(1000);

        ThroughputViewModel traffic = panel(Background.sameThread());
        hub.publishFinishedSeconds();

        assertThat(traffic.seconds()).extracting(ThroughputSecond::ok).containsExactly(1L, 0L);
    }

    @Test
    void theChartKeepsOnlyTheLastMinutes() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        time.advanceMillis(1000L * (ThroughputViewModel.SECONDS_SHOWN + 20));

        hub.publishFinishedSeconds();

        assertThat(traffic.seconds()).hasSize(ThroughputViewModel.SECONDS_SHOWN);
        assertThat(traffic.seconds().get(0).time()).isEqualTo(20.0);
    }

    @Test
    void secondsThatPiledUpReachTheFxThreadInOneHandOver() {
        HeldFxThread fx = new HeldFxThread();
        ThroughputViewModel traffic = panel(fx);
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(traffic.seconds()).as("nothing changes off the FX thread").isEmpty();
        assertThat(fx.held).hasSize(1);
        fx.runHeld();
        assertThat(traffic.seconds()).hasSize(3);
    }

    @Test
    void closingStopsFollowingTheHub() {
        ThroughputViewModel traffic = panel(Background.sameThread());

        traffic.close();
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(traffic.seconds()).isEmpty();
    }

    private static CompletedRequest ok(String service, String replica, long latencyMillis) {
        return new CompletedRequest(service, replica, TimeUnit.MILLISECONDS.toNanos(latencyMillis), null);
    }

    private static CompletedRequest failed(String service, String kind) {
        return new CompletedRequest(service, null, TimeUnit.MILLISECONDS.toNanos(2), kind);
    }

    /** Keeps what is handed to the FX thread until the test runs it. */
    private static final class HeldFxThread implements Background {

        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> BackgroundWork run(Lane lane, Callable<T> work, Consumer<? super T> done,
                Consumer<Throwable> failed) {
            throw new AssertionError("the throughput panel does no background work");
        }

        @Override
        public void release(AutoCloseable resource) {
            throw new AssertionError("the throughput panel releases nothing");
        }

        @Override
        public void onFxThread(Runnable update) {
            held.add(update);
        }

        void runHeld() {
            List<Runnable> now = List.copyOf(held);
            held.clear();
            now.forEach(Runnable::run);
        }
    }
}
