package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.e2e.Shop;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.StackName;

/**
 * The real window driving a stack on the real single-node Docker Swarm, as a user does: choose "on Docker Swarm",
 * Start, move the slider from one task to two under the window's own load with no failed request, and kill a task from
 * its chip, which Swarm replaces. Swarm schedules; the window shows each task's chip and the engine the stack runs on.
 */
@Tag("docker")
@Tag("window")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealWindowOnSwarmIT {

    static final StackName STACK = StackName.of("window-swarm");
    static final int PORT = 18496;

    private StackEngine engine;
    private RealWindow window;
    private FxRobot robot;

    @BeforeAll
    void openTheWindowOnAFreshStack() throws Exception {
        assertThat(System.getenv("DISPLAY")).as("a display for the real window: run bin/test, which starts Xvfb")
                .isNotBlank();
        engine = StackEngine.onLocalDocker(Path.of(System.getProperty("user.home"), ".shopscale"),
                "RealWindowOnSwarmIT", true);
        engine.down(STACK, true, ShopEngine.EngineListener.IGNORE);
        window = RealWindow.open(STACK, PORT);
        robot = window.robot;
    }

    @AfterAll
    void removeTheStack() throws Exception {
        try {
            window.close();
        } finally {
            engine.down(STACK, true, event -> System.out.println("window on Swarm: " + event.summary()));
        }
    }

    @Test
    void theWindowStartsAndScalesOnSwarmWithNoFailedRequestAndAKilledTaskIsReplaced() throws Exception {
        String first = STACK.value() + "-monolith-1";
        String second = STACK.value() + "-monolith-2";
        robot.clickOn("#engine").clickOn("on Docker Swarm");
        robot.clickOn("#start");
        window.awaitState(first, "ready", Duration.ofMinutes(5));
        ChoiceBox<?> engineChoice = robot.lookup("#engine").queryAs(ChoiceBox.class);
        assertThat(RealWindow.onFx(engineChoice::getValue)).as("the engine the stack runs on")
                .isEqualTo(EngineKind.SWARM);
        assertThat(RealWindow.onFx(engineChoice::isDisabled)).as("an engine is chosen before Start only").isTrue();

        robot.clickOn("Traffic");
        robot.clickOn("#start-load");
        moment("the load started");
        window.await("the first task's share of the load", () -> robot.lookup("#share-" + first).tryQuery()
                .isPresent());
        robot.clickOn("Activity");
        Node thumb = robot.lookup("#slider-monolith .thumb").query();
        robot.clickOn(thumb).type(KeyCode.RIGHT);
        moment("the slider asked for a second task");
        window.awaitState(second, "ready", Duration.ofMinutes(4));
        moment("the second task is ready");
        RealWindow.poll(Duration.ofSeconds(60), () -> !robot.lookup("#slider-monolith").query().isDisabled());
        window.await("the new task's share of the load", () -> robot.lookup("#share-" + second).tryQuery()
                .isPresent());
        Path scaled = window.screenshot("window-swarm-scaled-to-2.png");
        long okWhileScaling = window.chartTotal("ok/s");
        long failedWhileScaling = window.chartTotal("errors/s");
        String failedByKind = window.errorsShown();

        moment("the second task takes its share of the load");
        robot.clickOn("#kill-" + second);
        window.await("the killed task's chip leaving ready", () -> robot.lookup("#state-" + second).tryQuery()
                .map(label -> !"ready".equals(((Label) label).getText())).orElse(true));
        window.awaitState(second, "ready", Duration.ofMinutes(4));
        robot.clickOn("Traffic");
        robot.clickOn("#stop-load");
        System.out.printf("window on Swarm: %d ok and %d failed requests in the chart while scaling 1 -> 2; %d failed"
                + " in all once a task was killed and Swarm replaced it (an order in flight on the killed task fails,"
                + " and its retry places it); screenshot %s%n", okWhileScaling, failedWhileScaling,
                window.chartTotal("errors/s"), scaled.toAbsolutePath());
        assertThat(okWhileScaling).isPositive();
        assertThat(failedWhileScaling).as(() -> "requests that failed while scaling (" + failedByKind + "; each one's"
                + " exception or status and replica are in the load generator's warnings above); the stack logged:"
                + Shop.failuresLogged(DockerEngines.connect(), STACK.value())).isZero();
        assertThat(scaled).isNotEmptyFile();
    }

    /** When a step happened, to set the load generator's time-stamped warnings and nginx's log against. */
    private static void moment(String what) {
        System.out.println("window on Swarm: " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + what);
    }
}
