package io.shopscale.console.window.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;

/** The Faults panel's logic without a screen: what it shows, what it marks on the timeline, what it refuses. */
class FaultsViewModelTest {

    private static final StackName STACK = StackName.of("window");

    private final FakeShopEngine engine = new FakeShopEngine();
    private final SimpleBooleanProperty running = new SimpleBooleanProperty(true);
    private final SimpleObjectProperty<StackStatus> status = new SimpleObjectProperty<>();
    private final List<String> timeline = new ArrayList<>();
    private final FaultsViewModel faults = new FaultsViewModel(engine, Background.sameThread(),
            (kind, text) -> timeline.add(kind + " " + text), STACK, running, status);

    @Test
    void aStatusReadThatBeganBeforeASwitchEndedDoesNotUndoItOnScreen() {
        status.set(status(List.of()));
        faults.paymentsFailure("100%");
        assertThat(faults.inForce()).containsExactly("failure payments 100%");

        status.set(status(List.of()));
        assertThat(faults.inForce()).as("a read from before the switch").containsExactly("failure payments 100%");
        status.set(status(List.of("failure payments 100%")));
        status.set(status(List.of()));

        assertThat(faults.inForce()).as("cleared elsewhere, seen by a later read").isEmpty();
        assertThat(timeline).containsExactly("FAULT on: failure payments 100%", "FAULT off: failure payments 100%");
    }

    @Test
    void theReplicasOfTheLastStatusAreTheTargets() {
        status.set(new StackStatus("window", "monolith", "", List.of(
                new StackStatus.Replica("window-monolith-2", "app", "monolith", 2, "running", true, ""),
                new StackStatus.Replica("window-postgres", "postgres", "postgres", 1, "running", true, ""),
                new StackStatus.Replica("window-monolith-1", "app", "monolith", 1, "running", true, "")),
                Map.of(), "", null, "docker", List.of()));

        assertThat(faults.targets()).containsExactly("monolith:1", "monolith:2");
    }

    @Test
    void badTextOrAStoppedStackSwitchesNothingAndSaysWhy() {
        faults.slow("monolith:1", "fast");
        assertThat(faults.problemProperty().get())
                .isEqualTo("bad CPU limit \"fast\"; write a number of CPUs, such as 0.1");
        running.set(false);
        faults.timeout("database");
        assertThat(faults.problemProperty().get()).startsWith("Start the stack first");
        assertThat(engine.commands()).isEmpty();
    }

    @Test
    void openingThePanelReadsWhatIsInForceWithoutMarkingIt() {
        engine.switchFault(STACK, FaultChange.parse("timeout database"), ShopEngine.EngineListener.IGNORE);

        faults.shownProperty().set(true);

        assertThat(faults.inForce()).containsExactly("timeout database");
        assertThat(timeline).isEmpty();
    }

    private static StackStatus status(List<String> faults) {
        return new StackStatus("window", "monolith", "", List.of(), Map.of(), "", null, "docker", faults);
    }
}
