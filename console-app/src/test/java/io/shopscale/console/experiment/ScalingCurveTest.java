package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.window.FakeShopEngine;

class ScalingCurveTest {

    /** A host that reports the same busy share over every probe. */
    static HostCpu busy(double share) {
        return new HostCpu() {
            @Override
            public long[] read() {
                return new long[] {0, 0};
            }

            @Override
            public double busyShare(long[] from, long[] to) {
                return share;
            }
        };
    }

    @Test
    void findsTheHighestRateEachReplicaCountHoldsAndFitsTheLaw() throws InterruptedException {
        FakeShopEngine engine = new FakeShopEngine();
        engine.up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.MONOLITH, 8080),
                ShopEngine.EngineListener.IGNORE);
        engine.commands().clear();
        FakeClock clock = new FakeClock();
        // Each ready replica serves 30 requests/s in 5 ms; beyond that requests fail after 1 s.
        FakeLoad load = new FakeLoad(clock, engine, ExperimentRunnerTest.STACK, 30);
        List<String> lines = new ArrayList<>();
        ScalingCurve.Settings settings = new ScalingCurve.Settings("monolith", List.of(1, 2, 3), 10, 10, 500,
                Duration.ofSeconds(10), Duration.ofSeconds(8), 0.01);

        ScalingCurve.Result result = new ScalingCurve(settings, engine, ExperimentRunnerTest.STACK, load, clock,
                busy(0.5), lines::add).run();

        assertThat(result.points()).extracting(ScalingCurve.Point::rate).containsExactly(30.0, 60.0, 90.0);
        assertThat(result.probes()).filteredOn(probe -> !probe.held()).extracting(ScalingCurve.Probe::rate)
                .containsExactly(40.0, 70.0, 100.0);
        assertThat(engine.commands()).containsExactly("scale {monolith=1}", "scale {monolith=2}",
                "scale {monolith=3}");
        assertThat(load.calls()).endsWith("stop");
        // Linear: no contention, no coherency.
        assertThat(result.fit().lambda()).isEqualTo(30);
        assertThat(result.fit().sigma()).isCloseTo(0, within(1e-9));
        assertThat(result.fit().kappa()).isCloseTo(0, within(1e-9));
        assertThat(result.explanation()).startsWith("3 replicas held 90/s, 3.00 times what 1 held");
        assertThat(lines).contains("1 replicas at 40/s: p99 1000 ms, errors 25.00%, goodput 30.0/s, host CPU 50%  "
                + "missed");
    }

    /**
     * Runs a curve from 10/s by 10/s on a fake stack whose ready replicas serve 30 requests/s each; {@code onLine}
     * sees the fake load and each line the curve prints, as it prints it.
     */
    private static ScalingCurve.Result curve(List<Integer> replicas, int missesToStop,
                                             BiConsumer<FakeLoad, String> onLine) throws InterruptedException {
        FakeShopEngine engine = new FakeShopEngine();
        engine.up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.MONOLITH, 8080),
                ShopEngine.EngineListener.IGNORE);
        FakeClock clock = new FakeClock();
        FakeLoad load = new FakeLoad(clock, engine, ExperimentRunnerTest.STACK, 30);
        ScalingCurve.Settings settings = new ScalingCurve.Settings("monolith", replicas, 10, 10, 500,
                Duration.ofSeconds(10), Duration.ofSeconds(8), 0.01, missesToStop);
        return new ScalingCurve(settings, engine, ExperimentRunnerTest.STACK, load, clock, busy(0.5),
                line -> onLine.accept(load, line)).run();
    }

    @Test
    void withTwoMissesToStopOneHiccupDoesNotEndTheClimb() throws InterruptedException {
        ScalingCurve.Result result = curve(List.of(1, 2), 2, (load, line) -> {
            if (line.equals("scaling monolith to 1")) {
                load.hiccupOnceAt(20);
            }
        });

        assertThat(result.points()).extracting(ScalingCurve.Point::rate).containsExactly(30.0, 60.0);
        assertThat(result.probes()).filteredOn(probe -> !probe.held()).extracting(ScalingCurve.Probe::rate)
                .containsExactly(20.0, 40.0, 50.0, 70.0, 80.0);
    }

    @Test
    void aSmallerCountStartsAtTheLinearShareOfTheLargerCountsRate() throws InterruptedException {
        ScalingCurve.Result result = curve(List.of(2, 1), 1, (load, line) -> { });

        assertThat(result.points()).extracting(ScalingCurve.Point::rate).containsExactly(60.0, 30.0);
        // The start rate is one replica's: two replicas start at twice it.
        assertThat(result.probes()).filteredOn(probe -> probe.replicas() == 2)
                .extracting(ScalingCurve.Probe::rate).containsExactly(20.0, 30.0, 40.0, 50.0, 60.0, 70.0);
        // Not 60, 50, 40 first: one replica is never sent two replicas' rate.
        assertThat(result.probes()).filteredOn(probe -> probe.replicas() == 1)
                .extracting(ScalingCurve.Probe::rate).containsExactly(30.0, 40.0);
        assertThat(result.fit()).isNull();
    }

    @Test
    void aCountThatCannotHoldItsLinearShareStepsDownToTheRateItHolds() throws InterruptedException {
        // One replica's first probe, at 30/s, misses.
        ScalingCurve.Result result = curve(List.of(2, 1), 1, (load, line) -> {
            if (line.equals("scaling monolith to 1")) {
                load.hiccupOnceAt(30);
            }
        });

        assertThat(result.points()).extracting(ScalingCurve.Point::rate).containsExactly(60.0, 20.0);
        assertThat(result.probes()).filteredOn(probe -> probe.replicas() == 1)
                .extracting(ScalingCurve.Probe::rate).containsExactly(30.0, 20.0);
    }

    @Test
    void withTwoMissesToStopAStepDownTriesTheRateAboveAgainAsAClimbWould() throws InterruptedException {
        // One replica's first probe, at 30/s, misses once; it holds there when tried again.
        ScalingCurve.Result result = curve(List.of(2, 1), 2, (load, line) -> {
            if (line.equals("scaling monolith to 1")) {
                load.hiccupOnceAt(30);
            }
        });

        assertThat(result.points()).extracting(ScalingCurve.Point::rate).containsExactly(60.0, 30.0);
        assertThat(result.probes()).filteredOn(probe -> probe.replicas() == 1)
                .extracting(ScalingCurve.Probe::rate).containsExactly(30.0, 20.0, 30.0, 40.0, 50.0);
    }

    @Test
    void theLinearShareLiesOnTheRatesAClimbTries() {
        ScalingCurve curve = new ScalingCurve(new ScalingCurve.Settings("monolith", List.of(3, 2, 1), 20, 2, 1000,
                Duration.ofSeconds(90), Duration.ofSeconds(15), 0.01), new FakeShopEngine(),
                ExperimentRunnerTest.STACK, null, new FakeClock(), busy(0.5), line -> { });

        assertThat(curve.linearShare(new ScalingCurve.Point(3, 114, 900, 0.6), 2)).isEqualTo(76);
        assertThat(curve.linearShare(new ScalingCurve.Point(3, 116, 900, 0.6), 1)).isEqualTo(38);
        assertThat(curve.linearShare(new ScalingCurve.Point(1, 31, 900, 0.3), 2)).isEqualTo(62);
        assertThat(curve.linearShare(new ScalingCurve.Point(2, 30, 900, 0.3), 1)).isEqualTo(20);
        assertThat(curve.linearShare(new ScalingCurve.Point(3, 0, Double.NaN, 0.9), 2)).isEqualTo(20);
    }

    @Test
    void aPointCarriesTheHostCpuWhereItsClimbStoppedNotWhereItHeld() {
        // Three replicas stepping down from two replicas' best rate: 105/s and 90/s missed, 75/s held.
        List<ScalingCurve.Probe> probes = List.of(new ScalingCurve.Probe(2, 120, null, 0.92, false),
                new ScalingCurve.Probe(3, 105, null, 0.96, false), new ScalingCurve.Probe(3, 90, null, 0.91, false),
                new ScalingCurve.Probe(3, 75, null, 0.72, true));
        ScalingCurve.Probe held = probes.get(3);

        assertThat(ScalingCurve.stoppedAt(probes, held).hostCpu()).isEqualTo(0.91);
        assertThat(ScalingCurve.stoppedAt(List.of(held), held).hostCpu()).isEqualTo(0.72);
    }

    @Test
    void theSentenceNamesASaturatedHostBeforeTheLaw() {
        List<ScalingCurve.Point> points = List.of(new ScalingCurve.Point(1, 40, 300, 0.6),
                new ScalingCurve.Point(2, 60, 300, 0.85), new ScalingCurve.Point(3, 64, 300, 0.97));

        String text = ScalingCurve.explain(points, ScalingCurve.fit(points));

        assertThat(text).startsWith("3 replicas held 64/s, 1.60 times what 1 held (3 times would be linear). ")
                .contains("The host was saturated: its CPU was 97% busy at 3 replicas");
    }

    @Test
    void theSentenceIsTheSameWhenTheCountsWereMeasuredFromTheLargestDown() {
        List<ScalingCurve.Point> down = List.of(new ScalingCurve.Point(3, 114, 359, 0.76),
                new ScalingCurve.Point(2, 114, 607, 0.46), new ScalingCurve.Point(1, 62, 738, 0.25));

        String text = ScalingCurve.explain(down, ScalingCurve.fit(down));

        List<ScalingCurve.Point> up = List.of(down.get(2), down.get(1), down.get(0));
        assertThat(text).isEqualTo(ScalingCurve.explain(up, ScalingCurve.fit(up)))
                .startsWith("3 replicas held 114/s, 1.84 times what 1 held (3 times would be linear). ")
                .contains("Coherency dominates");
    }

    @Test
    void withoutASaturatedHostTheSentenceNamesContentionOrCoherency() {
        UslFit contention = new UslFit(40, 0.2, 0);
        List<ScalingCurve.Point> amdahl = points(contention, 0.5);
        assertThat(ScalingCurve.explain(amdahl, ScalingCurve.fit(amdahl)))
                .contains("Contention dominates (σ = 0.200)").contains("approaches 200.0/s");

        UslFit coherency = new UslFit(40, 0.05, 0.2);
        List<ScalingCurve.Point> retrograde = points(coherency, 0.5);
        assertThat(ScalingCurve.explain(retrograde, ScalingCurve.fit(retrograde)))
                .contains("Coherency dominates (κ = 0.2000)").contains("peaks at about 2.2 replicas");
    }

    private static List<ScalingCurve.Point> points(UslFit law, double hostCpu) {
        List<ScalingCurve.Point> points = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            points.add(new ScalingCurve.Point(n, law.throughput(n), 100, hostCpu));
        }
        return points;
    }
}
