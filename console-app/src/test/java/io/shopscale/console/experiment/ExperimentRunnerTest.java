package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.FakeShopEngine;

class ExperimentRunnerTest {

    static final StackName STACK = StackName.of("shop");

    final FakeShopEngine engine = new FakeShopEngine();
    final FakeClock clock = new FakeClock();
    final List<String> lines = new ArrayList<>();

    @BeforeEach
    void oneReplicaRuns() {
        engine.up(DesiredTopology.initial(STACK, Mode.MONOLITH, 8080), ShopEngine.EngineListener.IGNORE);
        engine.commands().clear();
    }

    static final String SCALE_UP = """
            name: scale up
            duration: 30s
            steady-state: {for: 5s, rate: 10, max-error-rate: 1%}
            timeline:
              - {at: 0s, name: one, load: {rate: 40}}
              - {at: 10s, name: two, scale: {monolith: 2}}
              - {at: 20s, mark: steady}
            assertions:
              - {name: one replica is enough, step: one, skip: 2s, max-error-rate: 1%}
              - {name: two replicas are enough, step: two, skip: 2s, for: 15s, max-error-rate: 1%, min-rate: 39}
            cleanup:
              - scale: {monolith: 1}
            """;

    @Test
    void runsEachStepOnTimeAndJudgesEachWindowOnAFakeClock() {
        FakeLoad load = new FakeLoad(clock, engine, STACK, 30);

        Recording recording = runner(SCALE_UP, load).run();

        assertThat(recording.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(engine.commands()).containsExactly("scale {monolith=2}", "scale {monolith=1}");
        assertThat(load.calls()).containsExactly("set 10/s", "set 40/s", "set 10/s", "stop");
        // 5 s steady state, 30 s timeline, 5 s steady state again, each second on the charts and in a live line.
        assertThat(recording.seconds()).extracting(Second::index).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 40).boxed().toList());
        assertThat(lines).hasSize(40);
        assertThat(lines.get(20)).contains("timeline").contains("ok    40").contains("monolith=2");
        assertThat(recording.seconds().get(10).replicas()).isEqualTo(Map.of("monolith", 1));
        assertThat(recording.verdicts()).extracting(Verdict::name, Verdict::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("steady state before", Verdict.Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("steady state after", Verdict.Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("one replica is enough", Verdict.Status.FAILED),
                org.assertj.core.groups.Tuple.tuple("two replicas are enough", Verdict.Status.PASSED));
        Verdict one = recording.verdicts().get(2);
        // The timeline starts at second 5; the window runs from 2 s after the step until the next step.
        assertThat(one.window()).isEqualTo(new Window(7, 15));
        assertThat(one.results().get(0).measured()).isEqualTo(0.25);
        assertThat(recording.passed()).isFalse();
        assertThat(recording.events()).extracting(RunEvent::text).contains("scale monolith=2", "mark: steady");
        assertThat(recording.events()).filteredOn(event -> event.kind().equals("step") && event.text().equals("scale monolith=2")).singleElement()
                .extracting(RunEvent::millis).isEqualTo(15_000L);
    }

    @Test
    void theAbortRuleStopsTheTimelineAndTheCleanUpStillRuns() {
        FakeLoad load = new FakeLoad(clock, engine, STACK, 30);
        String file = """
                duration: 60s
                abort: {max-error-rate: 50%, for: 3s}
                timeline:
                  - {at: 0s, load: {rate: 20}}
                  - {at: 5s, name: lost, kill: monolith}
                  - {at: 40s, name: late, mark: never reached}
                assertions:
                  - {step: late, for: 10s, max-error-rate: 1%}
                cleanup:
                  - heal: true
                  - scale: {monolith: 1}
                """;

        Recording recording = runner(file, load).run();

        assertThat(recording.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(recording.outcomeText()).startsWith("aborted: 66.7% of requests failed over the last 3s");
        // Killed at 5 s; seconds 5 and 6 fail entirely, and with second 4 that is 2 in 3 over the last 3 s.
        assertThat(recording.seconds()).hasSize(7);
        assertThat(engine.commands()).containsExactly("kill window-monolith-1", "heal", "scale {monolith=1}");
        assertThat(load.calls()).last().isEqualTo("stop");
        assertThat(recording.verdicts()).singleElement().extracting(Verdict::status)
                .isEqualTo(Verdict.Status.NOT_REACHED);
        assertThat(recording.events()).extracting(RunEvent::kind).containsSubsequence("abort", "cleanup", "step",
                "step done", "step", "step done");
    }

    @Test
    void aStepThatFailsAbortsTheRunAndTheCleanUpStillRuns() {
        FakeLoad load = new FakeLoad(clock, engine, STACK, 30);
        String file = """
                duration: 20s
                timeline:
                  - {at: 0s, load: {rate: 20}}
                  - {at: 3s, kill: {service: monolith, replica: 7}}
                cleanup:
                  - scale: {monolith: 1}
                """;

        Recording recording = runner(file, load).run();

        assertThat(recording.outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(recording.outcomeText()).isEqualTo(
                "step failed: kill monolith replica 7: no replica 7 of monolith to kill");
        // Seconds 0 to 2: the step at 3 s fails, and the run stops, before second 3 has ended.
        assertThat(recording.seconds()).hasSize(3);
        assertThat(engine.commands()).containsExactly("scale {monolith=1}");
    }

    @Test
    void faultStepsSwitchFaultsThroughTheEnginePortAndTheCleanUpClearsThem() {
        FakeLoad load = new FakeLoad(clock, engine, STACK, 30);
        String file = """
                duration: 20s
                timeline:
                  - {at: 0s, load: {rate: 20}}
                  - {at: 5s, name: slow, fault: latency payments 800ms}
                  - {at: 10s, fault: failure payments 50%}
                  - {at: 15s, fault: clear latency payments}
                cleanup:
                  - fault: clear all
                """;

        Recording recording = runner(file, load).run();

        assertThat(recording.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(engine.commands()).containsExactly("fault latency payments 800ms", "fault failure payments 50%",
                "fault clear latency payments", "fault clear all");
        assertThat(engine.faults(STACK).isEmpty()).isTrue();
        assertThat(recording.events()).filteredOn(event -> event.kind().equals("step done"))
                .extracting(RunEvent::text).startsWith("fault latency payments 800ms");
    }

    @Test
    void whenTheSteadyStateDoesNotHoldBeforeTheTimelineDoesNotRun() {
        FakeLoad load = new FakeLoad(clock, engine, STACK, 5);

        Recording recording = runner(SCALE_UP, load).run();

        assertThat(recording.outcome()).isEqualTo(Outcome.STEADY_STATE_NOT_MET);
        assertThat(recording.seconds()).hasSize(5);
        assertThat(engine.commands()).containsExactly("scale {monolith=1}");
        assertThat(recording.verdicts()).extracting(Verdict::status).containsExactly(Verdict.Status.FAILED,
                Verdict.Status.NOT_REACHED, Verdict.Status.NOT_REACHED);
    }

    private ExperimentRunner runner(String file, FakeLoad load) {
        return new ExperimentRunner(ExperimentParser.parse(file), engine, STACK, load, clock, Runnable::run,
                lines::add);
    }
}
