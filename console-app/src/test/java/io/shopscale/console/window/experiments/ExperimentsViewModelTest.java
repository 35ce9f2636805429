package io.shopscale.console.window.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.experiment.FakeClock;
import io.shopscale.console.experiment.FakeLoad;
import io.shopscale.console.experiment.SessionRecorder;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;

class ExperimentsViewModelTest {

    static final StackName STACK = StackName.of("window");
    static final String SCALE_UP = """
            name: scale up
            duration: 20s
            timeline:
              - {at: 0s, name: one, load: {rate: 20}}
              - {at: 5s, name: two, scale: {monolith: 2}}
              - {at: 12s, mark: two replicas}
            assertions:
              - {name: one replica is enough, step: one, skip: 1s, max-error-rate: 1%}
            cleanup:
              - scale: {monolith: 1}
            """;

    @TempDir
    Path folder;

    final FakeShopEngine engine = new FakeShopEngine();
    final AtomicLong now = new AtomicLong();
    SessionRecorder session;
    ExperimentsViewModel experiments;
    final List<FakeLoad> loads = new ArrayList<>();

    @BeforeEach
    void oneReplicaRuns() {
        engine.up(DesiredTopology.initial(STACK, Mode.MONOLITH, 8080), ShopEngine.EngineListener.IGNORE);
        engine.commands().clear();
        session = new SessionRecorder(engine, now::get);
        FakeClock clock = new FakeClock();
        experiments = new ExperimentsViewModel(session, Background.sameThread(), STACK, () -> "http://127.0.0.1:8080/",
                target -> {
                    FakeLoad load = new FakeLoad(clock, engine, STACK, 30);
                    loads.add(load);
                    return load;
                }, () -> clock, folder.resolve("reports"), session);
    }

    @Test
    void theLibraryIsListedAndAChosenExperimentShowsItsSteps() {
        assertThat(experiments.library()).contains("one-vs-three", "lost-replica", "monolith-vs-services",
                "slow-payments");

        experiments.chosenProperty().set("lost-replica");

        assertThat(experiments.steps()).extracting(ExperimentsViewModel.StepRow::text)
                .containsExactly("scale monolith=3", "load 40/s over 5s", "kill monolith", "heal");
        assertThat(experiments.readyProperty().get()).isTrue();
    }

    @Test
    void aFileWithProblemsSaysWhereAndCannotRun() throws Exception {
        Path file = folder.resolve("broken.yaml");
        Files.writeString(file, "name: broken\nduration: 10x\ntimeline: []\n");

        experiments.chosenProperty().set(file.toString());

        assertThat(experiments.statusProperty().get()).contains("broken.yaml:2:");
        assertThat(experiments.readyProperty().get()).isFalse();
    }

    @Test
    void aRunTicksEveryStepOffAndEndsWithItsVerdictsAndReport() throws Exception {
        Path file = folder.resolve("scale-up.yaml");
        Files.writeString(file, SCALE_UP);
        experiments.chosenProperty().set(file.toString());

        experiments.run();

        assertThat(experiments.steps()).extracting(row -> row.stateProperty().get())
                .containsExactly("done", "done", "done", "done");
        assertThat(experiments.verdicts()).singleElement().asString().startsWith("PASSED")
                .contains("one replica is enough");
        assertThat(experiments.progressProperty().get()).isEqualTo(1.0);
        assertThat(Path.of(experiments.reportProperty().get())).exists().hasFileName("report.html");
        assertThat(experiments.runningProperty().get()).isFalse();
        assertThat(experiments.readyProperty().get()).isTrue();
        assertThat(engine.commands()).containsExactly("scale {monolith=2}", "scale {monolith=1}");
    }

    @Test
    void theSessionIsSavedAsAFileThatIsThenChosen() {
        now.set(4_000);
        session.scale(STACK, Map.of("monolith", 2), ShopEngine.EngineListener.IGNORE);
        now.set(9_000);
        session.kill(STACK, "window-monolith-2");
        now.set(12_000);

        experiments.saveSession(folder.resolve("session.yaml"));

        assertThat(experiments.chosenProperty().get()).isEqualTo(folder.resolve("session.yaml").toString());
        assertThat(experiments.steps()).extracting(ExperimentsViewModel.StepRow::text)
                .containsExactly("scale monolith=2", "kill monolith replica 2");
        experiments.restartSession();
        assertThat(session.steps()).isEmpty();
    }
}
