package io.shopscale.console.window;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Line;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.window.traffic.FakeLoadRunner;
import io.shopscale.console.window.traffic.LoadControlsViewModel;

/** The traffic tab on Monocle: the load controls follow the stack, and published seconds reach the charts. */
@ExtendWith(ApplicationExtension.class)
class TrafficTabTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final FakeLoadRunner runner = new FakeLoadRunner();
    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 300);

    @Start
    void open(Stage stage) {
        new WindowUnderTest(engine, hub, runner, url -> { }).show(stage);
    }

    @Test
    void startLoadWaitsForTheStackThenSendsToItsAddressUntilStopped(FxRobot robot) {
        robot.clickOn("Traffic");
        assertThat(robot.lookup("#start-load").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#stop-load").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#load-status").queryAs(Label.class).getText())
                .isEqualTo("Start the stack to send load.");

        robot.clickOn("#start");
        robot.clickOn("#start-load");

        assertThat(runner.calls()).containsExactly("start 40/s");
        assertThat(runner.started().target()).hasToString("http://127.0.0.1:18490/");
        assertThat(robot.lookup("#start-load").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#stop-load");
        assertThat(runner.calls()).containsExactly("start 40/s", "stop");
        assertThat(robot.lookup("#start-load").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void anArrowKeyOnTheRateSliderChangesTheRunningLoad(FxRobot robot) {
        robot.clickOn("#start");
        robot.clickOn("Traffic");
        robot.clickOn("#start-load");

        robot.clickOn(robot.lookup("#load-rate .thumb").<Node>query()).type(KeyCode.RIGHT);

        double rate = robot.lookup("#load-rate").queryAs(Slider.class).getValue();
        assertThat(rate).isGreaterThan(LoadControlsViewModel.START_RATE);
        assertThat(runner.calls()).last().isEqualTo("rate " + (long) rate + "/s");
    }

    @Test
    void publishedSecondsDrawPointsSharesAndEventMarkers(FxRobot robot) {
        robot.clickOn("Traffic");
        robot.interact(() -> {
            hub.recordRequest(new CompletedRequest("catalog", "window-monolith-1", TimeUnit.MILLISECONDS.toNanos(8),
                    null));
            hub.recordRequest(new CompletedRequest("catalog", "window-monolith-2", TimeUnit.MILLISECONDS.toNanos(8),
                    null));
            hub.recordEvent(EventKind.SCALE, "monolith → 2");
            time.advanceMillis(1000);
            hub.recordRequest(new CompletedRequest("catalog", "window-monolith-1", TimeUnit.MILLISECONDS.toNanos(8),
                    "http 503"));
            time.advanceMillis(1000);
            hub.publishFinishedSeconds();
        });

        LineChart<Number, Number> requests = robot.lookup("#requests-chart").query();
        assertThat(requests.getData()).hasSize(2);
        assertThat(requests.getData().get(0).getData()).extracting(XYChart.Data::getYValue)
                .containsExactly(2L, 0L);
        assertThat(requests.getData().get(1).getData()).extracting(XYChart.Data::getYValue)
                .containsExactly(0L, 1L);
        assertThat(robot.lookup("#latency").queryAs(Label.class).getText()).startsWith("p50 8.0ms");
        assertThat(robot.lookup("#share-window-monolith-1").tryQuery()).isPresent();
        assertThat(robot.lookup("#events").queryListView().getItems()).hasSize(1);
        Node marker = robot.lookup("#requests-chart .event-marker-scale").query();
        assertThat(marker.isVisible()).isTrue();
        Node latencyMarker = robot.lookup("#latency-chart .event-marker-scale").query();
        assertThat(latencyMarker.isVisible()).isTrue();
    }

    private static double sceneX(Line line) {
        return line.localToScene(line.getStartX(), 0).getX();
    }

    @Test
    void bothChartsCoverTheSameMinutesAndPlaceAnEventAtTheSameX(FxRobot robot) {
        robot.clickOn("Traffic");
        robot.interact(() -> {
            hub.recordRequest(new CompletedRequest("catalog", "window-monolith-1", TimeUnit.MILLISECONDS.toNanos(8),
                    null));
            hub.recordEvent(EventKind.KILL, "window-monolith-2");
            time.advanceMillis(1000);
            // Four-digit milliseconds against one-digit requests/s: axis labels of different widths.
            hub.recordRequest(new CompletedRequest("catalog", "window-monolith-1", TimeUnit.MILLISECONDS.toNanos(1250),
                    null));
            time.advanceMillis(30_000);
            hub.publishFinishedSeconds();
        });
        WaitForAsyncUtils.waitForFxEvents();

        NumberAxis requests = (NumberAxis) robot.lookup("#requests-chart").<LineChart<Number, Number>>query()
                .getXAxis();
        NumberAxis latency = (NumberAxis) robot.lookup("#latency-chart").<LineChart<Number, Number>>query()
                .getXAxis();
        assertThat(requests.getUpperBound() - requests.getLowerBound()).isGreaterThanOrEqualTo(30);
        assertThat(latency.getLowerBound()).isEqualTo(requests.getLowerBound());
        assertThat(latency.getUpperBound()).isEqualTo(requests.getUpperBound());
        Line requestsMarker = robot.lookup("#requests-chart .event-marker-kill").query();
        Line latencyMarker = robot.lookup("#latency-chart .event-marker-kill").query();
        assertThat(sceneX(latencyMarker)).as("the event falls at the same x in both charts")
                .isCloseTo(sceneX(requestsMarker), within(1.0));
    }
}
