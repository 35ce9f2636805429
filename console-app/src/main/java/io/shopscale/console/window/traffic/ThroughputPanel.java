package io.shopscale.console.window.traffic;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The traffic of the last minutes: requests per second (ok and errors) and the latency percentiles over the same
 * minutes, both with the events marked; each replica's share of the last second as a bar, and the events as a list.
 */
public final class ThroughputPanel extends VBox {

    private static final double VALUE_AXIS_WIDTH = 64;

    private final ThroughputViewModel traffic;

    public ThroughputPanel(ThroughputViewModel traffic) {
        this.traffic = traffic;
        setSpacing(6);

        ChoiceBox<String> service = new ChoiceBox<>(traffic.services());
        service.setId("traffic-service");
        service.valueProperty().bindBidirectional(traffic.serviceProperty());
        Label latency = new Label();
        latency.setId("latency");
        latency.textProperty().bind(traffic.latencyProperty());
        Label failed = new Label();
        failed.setId("errors");
        failed.setStyle("-fx-text-fill: #b00020;");
        failed.textProperty().bind(traffic.errorsProperty());
        HBox header = new HBox(12, new Label("requests to"), service, latency, failed);
        header.setAlignment(Pos.CENTER_LEFT);
        Label host = new Label();
        host.setId("host-cpu");
        host.setWrapText(true);
        host.textProperty().bind(traffic.hostProperty());
        host.styleProperty().bind(Bindings.when(traffic.hostSaturatedProperty())
                .then("-fx-text-fill: #b00020; -fx-font-weight: bold;").otherwise(""));

        NumberAxis requestsTime = timeAxis();
        MarkedLineChart requests = new MarkedLineChart(requestsTime, valueAxis("requests/s"), traffic.events());
        requests.setId("requests-chart");
        requests.setPrefHeight(260);
        chartDefaults(requests);
        XYChart.Series<Number, Number> ok = series("ok/s");
        XYChart.Series<Number, Number> errors = series("errors/s");
        requests.getData().addAll(List.of(ok, errors));

        MarkedLineChart percentiles = new MarkedLineChart(sameTimeAs(requestsTime), valueAxis("ms"),
                traffic.events());
        percentiles.setId("latency-chart");
        percentiles.setPrefHeight(180);
        chartDefaults(percentiles);
        XYChart.Series<Number, Number> p50 = series("p50");
        XYChart.Series<Number, Number> p95 = series("p95");
        XYChart.Series<Number, Number> p99 = series("p99");
        percentiles.getData().addAll(List.of(p50, p95, p99));

        Runnable showSeconds = () -> {
            show(ok, second -> true, ThroughputSecond::ok);
            show(errors, second -> true, ThroughputSecond::errors);
            show(p50, ThroughputSecond::hasLatency, second -> second.latency().p50Millis());
            show(p95, ThroughputSecond::hasLatency, second -> second.latency().p95Millis());
            show(p99, ThroughputSecond::hasLatency, second -> second.latency().p99Millis());
        };
        traffic.seconds().addListener((ListChangeListener<ThroughputSecond>) change -> showSeconds.run());
        showSeconds.run();

        VBox shares = new VBox(3);
        shares.setId("replica-shares");
        Runnable showShares = () -> shares.getChildren().setAll(traffic.replicaBars().stream()
                .map(ThroughputPanel::bar).toList());
        traffic.replicaBars().addListener((ListChangeListener<ReplicaBar>) change -> showShares.run());
        showShares.run();

        ListView<EventMark> events = new ListView<>(traffic.events());
        events.setId("events");
        events.getStyleClass().add("mono");
        events.setPrefHeight(90);
        events.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(EventMark mark, boolean empty) {
                super.updateItem(mark, empty);
                setText(empty || mark == null ? null : mark.label());
            }
        });

        getChildren().addAll(header, host, requests, percentiles, new Label("share of the last second per replica"),
                shares, new Label("events"), events);
        VBox.setVgrow(requests, Priority.ALWAYS);
    }

    private NumberAxis timeAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setForceZeroInRange(false);
        axis.setAnimated(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number time) {
                return traffic.clockAt(time.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
        return axis;
    }

    /**
     * A time axis that shows the same span as {@code leader}'s, which ranges over every second: the latency chart
     * has no point for a second without requests, and would otherwise cover fewer minutes than the chart above it.
     */
    private NumberAxis sameTimeAs(NumberAxis leader) {
        NumberAxis axis = timeAxis();
        axis.setAutoRanging(false);
        axis.lowerBoundProperty().bind(leader.lowerBoundProperty());
        axis.upperBoundProperty().bind(leader.upperBoundProperty());
        axis.tickUnitProperty().bind(leader.tickUnitProperty());
        return axis;
    }

    /** Both charts' value axes are as wide, so that their plots start at the same x and a time lines up. */
    private static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setAnimated(false);
        axis.setMinWidth(VALUE_AXIS_WIDTH);
        axis.setPrefWidth(VALUE_AXIS_WIDTH);
        return axis;
    }

    private static void chartDefaults(LineChart<Number, Number> chart) {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        // Time 0 is when the panel opened, not an event: no line there.
        chart.setVerticalZeroLineVisible(false);
        chart.setLegendVisible(true);
        chart.setLegendSide(Side.RIGHT);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        return series;
    }

    private void show(XYChart.Series<Number, Number> series, Predicate<ThroughputSecond> shown,
            Function<ThroughputSecond, Number> value) {
        series.getData().setAll(traffic.seconds().stream().filter(shown)
                .map(second -> new XYChart.Data<Number, Number>(second.time(), value.apply(second)))
                .toList());
    }

    private static HBox bar(ReplicaBar replica) {
        Label name = new Label(replica.replica());
        name.setPrefWidth(180);
        ProgressBar share = new ProgressBar(replica.share().share());
        share.getStyleClass().add("share-bar");
        share.setPrefWidth(260);
        Label figures = new Label(replica.label());
        HBox row = new HBox(8, name, share, figures);
        row.setId("share-" + replica.replica());
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
