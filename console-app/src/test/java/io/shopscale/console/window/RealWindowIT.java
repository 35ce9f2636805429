package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

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
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealWindowIT {

    static final StackName STACK = StackName.of("window");
    static final int PORT = 18490;
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final FxRobot robot = new FxRobot();
    private StackEngine engine;
    private Stage stage;
    private javafx.application.Application window;

    @BeforeAll
    void openTheWindowOnAFreshStack() throws Exception {
        assertThat(System.getenv("DISPLAY")).as("a display for the real window: run bin/test, which starts Xvfb")
                .isNotBlank();
        engine = StackEngine.onLocalDocker(Path.of(System.getProperty("user.home"), ".shopscale"), "RealWindowIT",
                true);
        engine.down(STACK, true, ShopEngine.EngineListener.IGNORE);
        stage = FxToolkit.registerPrimaryStage();
        window = FxToolkit.setupApplication(ConsoleWindow.class, "--stack", STACK.value(), "--port",
                Integer.toString(PORT));
    }

    @AfterAll
    void removeTheStack() throws Exception {
        try {
            // As when a user closes the window: the application's stop() ends its monitor, load and background
            // threads, which would otherwise live on in this JVM for the tests that run after this one.
            FxToolkit.cleanupApplication(window);
            FxToolkit.cleanupStages();
        } finally {
            engine.down(STACK, true, event -> System.out.println("window test: " + event.summary()));
        }
    }

    @Test
    void movingTheSliderStartsASecondReplicaThatTurnsReadyInItsCard() throws Exception {
        robot.clickOn("#start");
        awaitState("window-monolith-1", "ready", Duration.ofMinutes(4));
        assertThat(robot.lookup("#image-source").queryAs(Label.class).getText()).startsWith("base images: ");

        robot.clickOn("Traffic");
        robot.clickOn("#start-load");
        await("the first replica's share of the load", () -> robot.lookup("#share-window-monolith-1").tryQuery()
                .isPresent());

        FxStallMeter stalls = new FxStallMeter();
        robot.interact(stalls::start);
        Node thumb = robot.lookup("#slider-monolith .thumb").query();
        robot.clickOn(thumb).type(KeyCode.RIGHT);
        awaitState("window-monolith-2", "ready", Duration.ofMinutes(4));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> onFx(() -> !robot.lookup("#slider-monolith").query().isDisabled()));
        await("the new replica's share of the load", () -> robot.lookup("#share-window-monolith-2").tryQuery()
                .isPresent());
        robot.interact(stalls::stop);
        Path underLoad = screenshot("window-traffic-on-2.png");
        robot.clickOn("#stop-load");
        System.out.printf("window test: under load, %s ok and %s failed requests in the chart; latency %s%n",
                chartTotal("ok/s"), chartTotal("errors/s"), robot.lookup("#latency").queryAs(Label.class).getText());
        assertThat(chartTotal("ok/s")).isPositive();
        assertThat(chartTotal("errors/s")).as("requests that failed while scaling under load (each one's kind, "
                + "exception or status and replica are in the load generator's warnings above)").isZero();
        assertThat(underLoad).isNotEmptyFile();
        robot.clickOn("Topology");
        await("both replicas in the topology", () -> robot.lookup("#box-window-monolith-2").tryQuery().isPresent()
                && robot.lookup("#box-window-monolith-1").tryQuery().isPresent());
        assertThat(screenshot("window-topology.png")).isNotEmptyFile();
        robot.clickOn("nginx");
        await("the running nginx config with both replicas", () -> robot.lookup("#nginx-config")
                .queryAs(TextArea.class).getText().lines()
                .filter(line -> line.matches("#   monolith  replica \\d+  172\\..*"))
                .count() == 2);
        assertThat(screenshot("window-nginx.png")).isNotEmptyFile();
        robot.clickOn("Activity");

        assertThat(robot.lookup("#state-window-monolith-1").queryAs(Label.class).getText()).isEqualTo("ready");
        assertThat(robot.lookup("#steps-monolith").queryListView().getItems())
                .anySatisfy(step -> assertThat(step.toString()).contains("wait-ready service:monolith:2"));
        System.out.printf("window test: longest FX thread stall while scaling 1 -> 2 under load: %d ms over %d "
                + "frames%n",
                stalls.longestStall().toMillis(), stalls.pulses());
        assertThat(stalls.pulses()).as("the FX thread drew frames while scaling").isPositive();

        Path screenshot = screenshot("window-scaled-to-2.png");
        assertThat(screenshot).isNotEmptyFile();
        System.out.println("window test: screenshot " + screenshot.toAbsolutePath());
    }

    private void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> onFx(condition));
        } catch (TimeoutException e) {
            Path screenshot = screenshot("window-failed.png");
            throw new AssertionError("no sign of " + what + " within 2 minutes. Screenshot: "
                    + screenshot.toAbsolutePath() + "\nLoad: "
                    + robot.lookup("#load-status").queryAs(Label.class).getText(), e);
        }
    }

    /**
     * Runs a look at the scene on the FX thread: the window redraws its charts and diagram every second, and a
     * lookup from the test thread could walk a list of children while the FX thread changes it.
     */
    private static <T> T onFx(Callable<T> look) throws Exception {
        return WaitForAsyncUtils.asyncFx(look).get(10, TimeUnit.SECONDS);
    }

    /** The sum of one series of the requests chart: requests over the seconds it shows. */
    @SuppressWarnings("unchecked")
    private long chartTotal(String series) throws Exception {
        return onFx(() -> {
            LineChart<Number, Number> chart = robot.lookup("#requests-chart").queryAs(LineChart.class);
            return chart.getData().stream().filter(s -> series.equals(s.getName()))
                    .flatMap(s -> s.getData().stream())
                    .mapToLong(point -> point.getYValue().longValue()).sum();
        });
    }

    private void awaitState(String container, String state, Duration timeout) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeout.toSeconds(), TimeUnit.SECONDS, () -> onFx(() -> {
                NodeQuery label = robot.lookup("#state-" + container);
                return label.tryQuery().map(node -> state.equals(((Label) node).getText())).orElse(false);
            }));
        } catch (TimeoutException e) {
            Path screenshot = screenshot("window-failed.png");
            throw new AssertionError(container + " was not " + state + " within " + timeout.toSeconds() + " s. "
                    + "Screenshot: " + screenshot.toAbsolutePath() + "\nProblem shown: "
                    + robot.lookup("#problem").queryAs(Label.class).getText() + "\nActivity:\n"
                    + String.join("\n", robot.lookup("#activity").queryListView().getItems().stream()
                            .map(Object::toString).toList()), e);
        }
    }

    private Path screenshot(String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);
        Image window = robot.capture(stage.getScene().getRoot()).getImage();
        PngFiles.write(window, file);
        return file;
    }
}
