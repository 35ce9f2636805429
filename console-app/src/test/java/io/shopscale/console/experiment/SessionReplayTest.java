package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.window.FakeShopEngine;

class SessionReplayTest {

    private static final ShopEngine.EngineListener IGNORE = ShopEngine.EngineListener.IGNORE;

    private static FakeShopEngine oneReplica() {
        FakeShopEngine engine = new FakeShopEngine();
        engine.up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.MONOLITH, 8080), IGNORE);
        engine.commands().clear();
        return engine;
    }

    @Test
    void aSavedSessionReplaysToTheSameEngineCallsAndLoadChanges() {
        FakeShopEngine live = oneReplica();
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        SessionRecorder session = new SessionRecorder(live, now::get);
        at(now, session, 2_000).load(40, Duration.ofSeconds(5), null);
        at(now, session, 10_000).scale(ExperimentRunnerTest.STACK, Map.of("monolith", 3), IGNORE);
        at(now, session, 15_500).kill(ExperimentRunnerTest.STACK, "window-monolith-2");
        at(now, session, 20_000).load(80, Duration.ZERO, ScenarioMix.parse("browse=50,order=50"));
        at(now, session, 22_000).switchFault(ExperimentRunnerTest.STACK, FaultChange.parse("latency payments 800ms"),
                IGNORE);
        at(now, session, 25_000).mark("three replicas at 80/s");
        at(now, session, 30_000).up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.SERVICES, 8080), IGNORE);
        at(now, session, 40_000).heal(ExperimentRunnerTest.STACK, IGNORE);
        at(now, session, 45_000).load(0, Duration.ZERO, null);
        // Reads are not part of the session.
        session.status(ExperimentRunnerTest.STACK);
        now.set(now.get() + 5_000);

        String file = ExperimentWriter.yaml(session.experiment("a session", "saved from the window"));

        Experiment saved = ExperimentParser.parse(file);
        assertThat(saved.timeline()).containsExactlyElementsOf(session.steps());
        assertThat(saved.duration()).isEqualTo(Duration.ofSeconds(50));
        assertThat(saved.timeline()).extracting(Step::describe).containsExactly("load 40/s over 5s", "scale monolith=3",
                "kill monolith replica 2", "load 80/s mix browse=50,order=50",
                new Step.SwitchFault(Duration.ZERO, "", FaultChange.parse("latency payments 800ms")).describe(), "mark: three replicas at 80/s",
                "switch to services mode", "heal", "load 0/s");

        FakeShopEngine replayed = oneReplica();
        FakeClock clock = new FakeClock();
        FakeLoad load = new FakeLoad(clock, replayed, ExperimentRunnerTest.STACK, 100);
        Recording replay = new ExperimentRunner(saved, replayed, ExperimentRunnerTest.STACK, load, clock,
                Runnable::run, line -> { }).run();

        assertThat(replay.outcome()).as(replay.outcomeText()).isEqualTo(Outcome.COMPLETED);
        assertThat(live.commands()).containsExactly("scale {monolith=3}", "kill window-monolith-2",
                "fault latency payments 800ms", "up services",
                "heal");
        assertThat(replayed.commands()).containsExactlyElementsOf(live.commands());
        assertThat(load.calls()).containsExactly("set 40/s", "set 80/s", "set 0/s", "stop");
        assertThat(replay.events()).filteredOn(event -> event.kind().equals("step")).extracting(RunEvent::millis)
                .containsExactly(2_000L, 10_000L, 15_500L, 20_000L, 22_000L, 25_000L, 30_000L, 40_000L, 45_000L);
    }

    @Test
    void aStackStartedOnSwarmThroughTheRecorderRunsOnSwarmAndIsRecordedAsOnItsOwnEngine() {
        FakeShopEngine live = new FakeShopEngine();
        SessionRecorder session = new SessionRecorder(live, () -> 0);

        session.up(DesiredTopology.initial(ExperimentRunnerTest.STACK, Mode.MONOLITH, 8080), EngineKind.SWARM,
                IGNORE);

        assertThat(live.status(ExperimentRunnerTest.STACK).engine()).isEqualTo("swarm");
        assertThat(session.steps()).extracting(Step::describe).containsExactly("switch to monolith mode");
    }

    @Test
    void aCallThatFailsIsNotRecorded() {
        FakeShopEngine live = oneReplica();
        SessionRecorder session = new SessionRecorder(live, () -> 0);
        live.failWith(new IllegalStateException("the stack is busy"));

        assertThatThrownBy(() -> session.scale(ExperimentRunnerTest.STACK, Map.of("monolith", 2), IGNORE))
                .hasMessage("the stack is busy");

        assertThat(session.steps()).isEmpty();
    }

    private static SessionRecorder at(AtomicLong now, SessionRecorder session, long sinceStart) {
        now.set(1_700_000_000_000L + sinceStart);
        return session;
    }
}
