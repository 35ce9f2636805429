package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.window.stack.StackViewModel;
import io.shopscale.console.window.traffic.FakeLoadRunner;

/** The window on Monocle while the engine's work waits in its lanes until the test lets it run. */
@ExtendWith(ApplicationExtension.class)
class WindowDuringAPlanTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final QueuedBackground background = new QueuedBackground();
    private StackViewModel stack;

    @Start
    void open(Stage stage) {
        WindowUnderTest window = new WindowUnderTest(engine, new MetricsHub(), new FakeLoadRunner(), url -> { },
                background);
        stack = window.stack;
        window.show(stage);
    }

    @Test
    void theKillButtonIsNotOfferedWhileItsServiceScales(FxRobot robot) {
        robot.interact(() -> {
            stack.start();
            background.runAll();
        });
        assertThat(robot.lookup("#kill-window-monolith-1").queryAs(Button.class).isVisible()).isTrue();

        robot.interact(() -> {
            stack.scale("monolith", 2);
        });

        assertThat(robot.lookup("#kill-window-monolith-1").queryAs(Button.class).isVisible()).isFalse();
        robot.interact(() -> background.runAll());
        assertThat(robot.lookup("#kill-window-monolith-1").queryAs(Button.class).isVisible()).isTrue();
        assertThat(robot.lookup("#kill-window-monolith-2").queryAs(Button.class).isVisible()).isTrue();
    }

    @Test
    void aFailedStatusReadIsShownAsSuchAndTheStackStillShowsRunning(FxRobot robot) {
        robot.interact(() -> {
            stack.start();
            background.runAll();
        });

        engine.failWith(new TopologyException("Docker did not answer in time"));
        robot.interact(() -> {
            stack.refresh();
            background.runAll();
        });

        assertThat(robot.lookup("#status-read-failed").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#state-window-monolith-1").queryAs(Label.class).getText()).isEqualTo("ready");
        assertThat(robot.lookup("#start").queryAs(Button.class).isDisabled()).as("Start, as if stopped").isTrue();
        assertThat(robot.lookup("#slider-monolith").queryAs(Slider.class).isDisabled()).isFalse();
        engine.failWith(null);
        robot.interact(() -> {
            stack.refresh();
            background.runAll();
        });
        assertThat(robot.lookup("#status-read-failed").queryAs(Label.class).isVisible()).isFalse();
    }
}
