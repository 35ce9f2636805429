package io.shopscale.console.window;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.shopscale.console.docker.NoDockerEngines;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.window.stack.StackViewModel;
import io.shopscale.console.window.traffic.FakeLoadRunner;

/** The window on Monocle, with an engine that keeps its stack in memory. */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final List<String> opened = new ArrayList<>();
    private StackViewModel stack;

    @Start
    void open(Stage stage) {
        WindowUnderTest window = new WindowUnderTest(engine, new MetricsHub(), new FakeLoadRunner(), opened::add);
        stack = window.stack;
        window.show(stage);
    }

    @Test
    void startShowsTheReplicaReadyAndTheBaseImages(FxRobot robot) {
        robot.clickOn("#start");

        assertThat(robot.lookup("#state-window-monolith-1").queryAs(Label.class).getText()).isEqualTo("ready");
        assertThat(robot.lookup("#chip-window-monolith-1").query().getStyleClass()).contains("chip-ready");
        assertThat(robot.lookup("#image-source").queryAs(Label.class).getText())
                .contains("built from Debian packages");
        assertThat(robot.lookup("#start").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void anArrowKeyOnTheSliderScalesAndTheNewReplicaAppears(FxRobot robot) {
        robot.clickOn("#start");

        robot.clickOn(robot.lookup("#slider-monolith .thumb").<Node>query()).type(KeyCode.RIGHT);

        assertThat(engine.commands()).containsExactly("up monolith", "scale {monolith=2}");
        assertThat(robot.lookup("#slider-monolith").queryAs(Slider.class).getValue()).isEqualTo(2);
        assertThat(robot.lookup("#state-window-monolith-2").queryAs(Label.class).getText()).isEqualTo("ready");
        assertThat(robot.lookup("#steps-monolith").queryListView().getItems())
                .contains("[1/1] start service:monolith:2 (scale up)  done in 0.4s");
    }

    @Test
    void killTurnsTheChipGreyAndReplaceBringsItBack(FxRobot robot) {
        robot.clickOn("#start");

        Node chip = robot.lookup("#chip-window-monolith-1").query();
        Node kill = robot.lookup("#kill-window-monolith-1").query();

        robot.clickOn("#kill-window-monolith-1");

        assertThat(robot.lookup("#chip-window-monolith-1").query().getStyleClass()).contains("chip-stopped")
                .doesNotContain("chip-ready");
        robot.clickOn("#heal");
        assertThat(robot.lookup("#chip-window-monolith-1").query().getStyleClass()).contains("chip-ready")
                .doesNotContain("chip-stopped");
        assertThat(robot.lookup("#chip-window-monolith-1").<Node>query()).as("the chip is updated in place, so its "
                + "kill button is not replaced under the pointer").isSameAs(chip);
        assertThat(robot.lookup("#kill-window-monolith-1").<Node>query()).isSameAs(kill);
    }

    @Test
    void openTheShopOpensTheStackAddress(FxRobot robot) {
        robot.clickOn("#start");

        robot.clickOn("#open-shop");

        assertThat(opened).containsExactly("http://127.0.0.1:18490/");
    }

    @Test
    void withoutDockerTheWindowShowsWhatWasTriedInsteadOfATrace(FxRobot robot) {
        engine.failWith(NoDockerEngines.exception());

        robot.interact(stack::refresh);

        Label problem = robot.lookup("#problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("No Docker engine answered.").doesNotContain("\tat ");
        assertThat(robot.lookup("#slider-monolith").queryAs(Slider.class).isDisabled()).isTrue();
    }
}
