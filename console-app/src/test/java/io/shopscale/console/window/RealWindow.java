package io.shopscale.console.window;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Application;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

import io.shopscale.console.topology.StackName;

/**
 * The real console window on the test's display, opened on one stack as {@code bin/console --stack S --port P}
 * opens it, with the waits and looks the real-window tests share. Every look at the scene runs on the FX thread.
 */
final class RealWindow implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * How often a wait looks at the scene. Each look walks the scene graph on the FX thread; TestFX's own wait looks
     * every 10 ms, which cost the test JVM about 5 % of a core more while a stack under test served the window.
     */
    static final Duration POLL = Duration.ofMillis(200);

    final FxRobot robot = new FxRobot();
    private final Stage stage;
    private final Application window;

    private RealWindow(Stage stage, Application window) {
        this.stage = stage;
        this.window = window;
    }

    static RealWindow open(StackName stack, int port) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        Application window = FxToolkit.setupApplication(ConsoleWindow.class, "--stack", stack.value(), "--port",
                Integer.toString(port));
        return new RealWindow(stage, window);
    }

    /**
     * Closes it as a user does: the application's stop() ends its monitor, load and background threads, which would
     * otherwise live on in this JVM for the tests that run after this one.
     */
    @Override
    public void close() throws TimeoutException {
        FxToolkit.cleanupApplication(window);
        FxToolkit.cleanupStages();
    }

    /** Waits up to 2 minutes; on a timeout, fails with a screenshot and the load's status line. */
    void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            poll(Duration.ofMinutes(2), condition);
        } catch (TimeoutException e) {
            Path screenshot = screenshot("window-failed.png");
            throw new AssertionError("no sign of " + what + " within 2 minutes. Screenshot: "
                    + screenshot.toAbsolutePath() + "\nLoad: "
                    + robot.lookup("#load-status").queryAs(Label.class).getText(), e);
        }
    }

    /** Waits until the chip of {@code container} shows {@code state}; on a timeout, fails with what the window shows. */
    void awaitState(String container, String state, Duration timeout) throws Exception {
        try {
            poll(timeout, () -> {
                NodeQuery label = robot.lookup("#state-" + container);
                return label.tryQuery().map(node -> state.equals(((Label) node).getText())).orElse(false);
            });
        } catch (TimeoutException e) {
            Path screenshot = screenshot("window-failed.png");
            throw new AssertionError(container + " was not " + state + " within " + timeout.toSeconds() + " s. "
                    + "Screenshot: " + screenshot.toAbsolutePath() + "\nProblem shown: "
                    + robot.lookup("#problem").queryAs(Label.class).getText() + "\nActivity:\n"
                    + String.join("\n", robot.lookup("#activity").queryListView().getItems().stream()
                            .map(Object::toString).toList()), e);
        }
    }

    /**
     * Looks at the scene on the FX thread every {@link #POLL} until {@code condition} holds.
     *
     * @throws TimeoutException when it did not hold within {@code timeout}
     */
    static void poll(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!onFx(condition)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("not within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Runs a look at the scene on the FX thread: the window redraws its charts and diagram every second, and a
     * lookup from the test thread could walk a list of children while the FX thread changes it.
     */
    static <T> T onFx(Callable<T> look) throws Exception {
        return WaitForAsyncUtils.asyncFx(look).get(10, TimeUnit.SECONDS);
    }

    /** What the throughput panel says of the failed requests in the chart, by kind; empty when none failed. */
    String errorsShown() throws Exception {
        return onFx(() -> robot.lookup("#errors").queryAs(Label.class).getText());
    }

    /** The sum of one series of the requests chart: requests over the seconds it shows. */
    @SuppressWarnings("unchecked")
    long chartTotal(String series) throws Exception {
        return onFx(() -> {
            LineChart<Number, Number> chart = robot.lookup("#requests-chart").queryAs(LineChart.class);
            return chart.getData().stream().filter(s -> series.equals(s.getName()))
                    .flatMap(s -> s.getData().stream())
                    .mapToLong(point -> point.getYValue().longValue()).sum();
        });
    }

    /** A PNG of the whole window under {@link #SCREENSHOTS}. */
    Path screenshot(String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name);
        Image image = robot.capture(stage.getScene().getRoot()).getImage();
        PngFiles.write(image, file);
        return file;
    }
}
