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

import io.shopscale.console.experiment.HostCpu;
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

    private final SteadyHostCpu hostCpu = new SteadyHostCpu();

    private ThroughputViewModel panel(Background background) {
        return new ThroughputViewModel(hub, background, ZoneOffset.UTC, hostCpu, 2);
    }

    @Test
    void theHostsCpuOverTheLastSecondsIsShownOnceThereAreEnoughOfThem() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        hostCpu.busy = 0.45;
        time.advanceMillis(1000L * (ThroughputViewModel.HOST_CPU_SECONDS - 1));
        hub.publishFinishedSeconds();

        assertThat(traffic.hostProperty().get()).isEmpty();

        time.advanceMillis(2000);
        hub.publishFinishedSeconds();

        assertThat(traffic.hostProperty().get()).isEqualTo("host CPU 45% of 2 cores");
        assertThat(traffic.hostSaturatedProperty().get()).isFalse();
    }

    @Test
    void aSaturatedHostIsNamedAsTheLimitAndNoLongerOnceItHasRoom() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        hostCpu.busy = 0.97;
        time.advanceMillis(1000L * (ThroughputViewModel.HOST_CPU_SECONDS + 1));
        hub.publishFinishedSeconds();

        assertThat(traffic.hostSaturatedProperty().get()).isTrue();
        assertThat(traffic.hostProperty().get()).startsWith("host CPU 97% of 2 cores: the host, not the shop, is "
                + "the limit.").contains("another replica adds no capacity");

        hostCpu.busy = 0.5;
        time.advanceMillis(1000L * ThroughputViewModel.HOST_CPU_SECONDS);
        hub.publishFinishedSeconds();

        assertThat(traffic.hostSaturatedProperty().get()).isFalse();
        assertThat(traffic.hostProperty().get()).isEqualTo("host CPU 50% of 2 cores");
    }

    @Test
    void aHostThatDoesNotSayItsCpuShowsNothing() {
        ThroughputViewModel traffic = new ThroughputViewModel(hub, Background.sameThread(), ZoneOffset.UTC,
                new HostCpu() {
                    @Override
                    public long[] read() {
                        return new long[0];
                    }

                    @Override
                    public double busyShare(long[] from, long[] to) {
                        return Double.NaN;
                    }
                }, 2);
        time.advanceMillis(1000L * (ThroughputViewModel.HOST_CPU_SECONDS + 1));
        hub.publishFinishedSeconds();

        assertThat(traffic.hostProperty().get()).isEmpty();
        assertThat(traffic.hostSaturatedProperty().get()).isFalse();
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
    void theFailedRequestsInTheChartAreCountedByKindMostFirst() {
        ThroughputViewModel traffic = panel(Background.sameThread());
        hub.recordRequest(ok("catalog", "shop-monolith-1", 4));
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();
        assertThat(traffic.errorsProperty().get()).isEmpty();

        hub.recordRequest(failed("catalog", "timeout"));
        hub.recordRequest(failed("catalog", "shed"));
        time.advanceMillis(1000);
        hub.recordRequest(failed("orders", "shed"));
        hub.recordRequest(failed("catalog", "shed"));
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(traffic.errorsProperty().get()).isEqualTo("4 failed requests in the chart: shed 3 · timeout 1");
        traffic.serviceProperty().set("orders");
        assertThat(traffic.errorsProperty().get()).isEqualTo("1 failed request in the chart: shed 1");
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

    /** A host whose CPU is {@link #busy} between any two readings; each reading is a second of 100 jiffies. */
    private static final class SteadyHostCpu implements HostCpu {

        double busy;
        private long busyJiffies;
        private long totalJiffies;

        @Override
        public long[] read() {
            busyJiffies += Math.round(busy * 100);
            totalJiffies += 100;
            return new long[] {busyJiffies, totalJiffies};
        }

        @Override
        public double busyShare(long[] from, long[] to) {
            return (double) (to[0] - from[0]) / (to[1] - from[1]);
        }
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
