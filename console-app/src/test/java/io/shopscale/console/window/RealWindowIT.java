package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.topology.StackName;

/**
 * The real window on a real display (Xvfb under bin/test) against a real stack: start one replica, move the
 * monolith slider to two with the load on, and see the new replica become ready in its card and take its share.
 * The window's load generator logs each failed request as it happens (its kind, the exception or the status, and the
 * replica that answered), so a red run says what failed.
 */
@Tag("docker")
@Tag("window")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealWindowIT {

    static final StackName STACK = StackName.of("window");
    static final int PORT = 18490;

    private StackEngine engine;
    private RealWindow window;
    private FxRobot robot;

    @BeforeAll
    void openTheWindowOnAFreshStack() throws Exception {
        assertThat(System.getenv("DISPLAY")).as("a display for the real window: run bin/test, which starts Xvfb")
                .isNotBlank();
        engine = StackEngine.onLocalDocker(Path.of(System.getProperty("user.home"), ".shopscale"), "RealWindowIT",
                true);
        engine.down(STACK, true, ShopEngine.EngineListener.IGNORE);
        window = RealWindow.open(STACK, PORT);
        robot = window.robot;
    }

    @AfterAll
    void removeTheStack() throws Exception {
        try {
            window.close();
        } finally {
            engine.down(STACK, true, event -> System.out.println("window test: " + event.summary()));
        }
    }

    @Test
    void movingTheSliderStartsASecondReplicaThatTurnsReadyInItsCard() throws Exception {
        robot.clickOn("#start");
        window.awaitState("window-monolith-1", "ready", Duration.ofMinutes(4));
        assertThat(robot.lookup("#image-source").queryAs(Label.class).getText()).startsWith("base images: ");

        robot.clickOn("Traffic");
        robot.clickOn("#start-load");
        window.await("the first replica's share of the load", () -> robot.lookup("#share-window-monolith-1")
                .tryQuery().isPresent());

        FxStallMeter stalls = new FxStallMeter();
        robot.interact(stalls::start);
        Node thumb = robot.lookup("#slider-monolith .thumb").query();
        robot.clickOn(thumb).type(KeyCode.RIGHT);
        window.awaitState("window-monolith-2", "ready", Duration.ofMinutes(4));
        RealWindow.poll(Duration.ofSeconds(60), () -> !robot.lookup("#slider-monolith").query().isDisabled());
        window.await("the new replica's share of the load", () -> robot.lookup("#share-window-monolith-2")
                .tryQuery().isPresent());
        robot.interact(stalls::stop);
        Path underLoad = window.screenshot("window-traffic-on-2.png");
        robot.clickOn("#stop-load");
        String failedByKind = window.errorsShown();
        System.out.printf("window test: under load, %s ok and %s failed requests in the chart; latency %s%s%n",
                window.chartTotal("ok/s"), window.chartTotal("errors/s"),
                robot.lookup("#latency").queryAs(Label.class).getText(),
                failedByKind.isEmpty() ? "" : "; " + failedByKind);
        assertThat(window.chartTotal("ok/s")).isPositive();
        assertThat(window.chartTotal("errors/s")).as("requests that failed while scaling under load (" + failedByKind
                + "; each one's exception or status and replica are in the load generator's warnings above)")
                .isZero();
        assertThat(underLoad).isNotEmptyFile();
        robot.clickOn("Topology");
        window.await("both replicas in the topology", () -> robot.lookup("#box-window-monolith-2").tryQuery()
                .isPresent() && robot.lookup("#box-window-monolith-1").tryQuery().isPresent());
        assertThat(window.screenshot("window-topology.png")).isNotEmptyFile();
        robot.clickOn("nginx");
        window.await("the running nginx config with both replicas", () -> robot.lookup("#nginx-config")
                .queryAs(TextArea.class).getText().lines()
                .filter(line -> line.matches("#   monolith  replica \\d+  172\\..*"))
                .count() == 2);
        assertThat(window.screenshot("window-nginx.png")).isNotEmptyFile();
        robot.clickOn("Activity");

        assertThat(robot.lookup("#state-window-monolith-1").queryAs(Label.class).getText()).isEqualTo("ready");
        assertThat(robot.lookup("#steps-monolith").queryListView().getItems())
                .anySatisfy(step -> assertThat(step.toString()).contains("wait-ready service:monolith:2"));
        System.out.printf("window test: longest FX thread stall while scaling 1 -> 2 under load: %d ms over %d "
                + "frames%n",
                stalls.longestStall().toMillis(), stalls.pulses());
        assertThat(stalls.pulses()).as("the FX thread drew frames while scaling").isPositive();

        Path screenshot = window.screenshot("window-scaled-to-2.png");
        assertThat(screenshot).isNotEmptyFile();
        System.out.println("window test: screenshot " + screenshot.toAbsolutePath());
    }
}
