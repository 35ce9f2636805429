package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.traffic.FakeLoadRunner;

/** The Faults tab on Monocle: what is in force when it opens, what shopctl switches meanwhile, its own switches. */
@ExtendWith(ApplicationExtension.class)
class FaultsTabTest {

    private static final StackName STACK = StackName.of("window");

    private final FakeShopEngine engine = new FakeShopEngine();
    private final MetricsHub hub = new MetricsHub(new FakeTime(), 60);
    private WindowUnderTest window;

    @Start
    void open(Stage stage) {
        window = new WindowUnderTest(engine, hub, new FakeLoadRunner(), url -> { });
        window.show(stage);
    }

    @Test
    void theTabShowsAFaultSetThroughTheEngineWhenItOpensAndOneSetLaterWithTheNextStatusRead(FxRobot robot)
            throws Exception {
        engine.switchFault(STACK, FaultChange.parse("failure payments 100%"), ShopEngine.EngineListener.IGNORE);
        robot.clickOn("#start");

        robot.clickOn("#tab-faults");

        assertThat(inForce(robot)).containsExactly("failure payments 100%");
        engine.switchFault(STACK, FaultChange.parse("timeout monolith:1"), ShopEngine.EngineListener.IGNORE);
        robot.interact(window.stack::refresh);
        assertThat(inForce(robot)).containsExactly("failure payments 100%", "timeout monolith:1");
        assertThat(hub.events()).filteredOn(event -> event.kind() == EventKind.FAULT).extracting(Event::text)
                .as("the fault in force when the window first saw the stack is no change; the one switched later is")
                .containsExactly("on: timeout monolith:1");
        PngFiles.write(robot.capture(robot.lookup("#panels").queryParent()).getImage(),
                Path.of("target", "screenshots", "faults-tab.png"));
    }

    @Test
    void theTabsSwitchesGoThroughTheEngineAndMarkTheTimeline(FxRobot robot) {
        robot.clickOn("#start");
        robot.clickOn("#tab-faults");

        robot.clickOn("#fault-latency").write("800ms");
        robot.clickOn("#fault-set-latency");
        robot.clickOn("#fault-target").clickOn("monolith:1");
        robot.clickOn("#fault-timeout");

        assertThat(inForce(robot)).containsExactly("latency payments 800ms", "timeout monolith:1");
        assertThat(engine.faults(STACK).texts()).containsExactly("latency payments 800ms", "timeout monolith:1");

        robot.clickOn("#fault-clear-timeout-monolith-1");
        assertThat(inForce(robot)).containsExactly("latency payments 800ms");
        robot.clickOn("#faults-clear-all");

        assertThat(inForce(robot)).isEmpty();
        assertThat(engine.commands()).containsSubsequence("fault latency payments 800ms", "fault timeout monolith:1",
                "fault clear timeout monolith:1", "fault clear all");
        assertThat(hub.events()).filteredOn(event -> event.kind() == EventKind.FAULT).extracting(Event::text)
                .containsExactly("on: latency payments 800ms", "on: timeout monolith:1", "off: timeout monolith:1",
                        "off: latency payments 800ms");
    }

    @Test
    void badInputIsShownAndSwitchesNothing(FxRobot robot) {
        robot.clickOn("#start");
        robot.clickOn("#tab-faults");

        robot.clickOn("#fault-failure").write("lots");
        robot.clickOn("#fault-set-failure");

        assertThat(robot.lookup("#faults-problem").queryAs(Label.class).getText())
                .isEqualTo("bad failure rate \"lots\"; write 25% or 0.25");
        assertThat(engine.commands()).noneMatch(command -> command.startsWith("fault"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> inForce(FxRobot robot) {
        return robot.lookup("#faults-in-force").queryAs(ListView.class).getItems();
    }
}
