package io.shopscale.console.window.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;

/** A line chart with a dashed vertical line at each event's time, coloured by the event's kind. */
final class MarkedLineChart extends LineChart<Number, Number> {

    private final NumberAxis time;
    private final ObservableList<EventMark> marks;
    private final List<Line> lines = new ArrayList<>();

    MarkedLineChart(NumberAxis time, NumberAxis values, ObservableList<EventMark> marks) {
        super(time, values);
        this.time = time;
        this.marks = marks;
        marks.addListener((ListChangeListener<EventMark>) change -> showMarks());
        showMarks();
    }

    /** The marker lines now drawn, for tests. */
    List<Line> markerLines() {
        return List.copyOf(lines);
    }

    private void showMarks() {
        getPlotChildren().removeAll(lines);
        lines.clear();
        for (EventMark mark : marks) {
            Line line = new Line();
            line.getStyleClass().addAll("event-marker", "event-marker-" + mark.kind().name().toLowerCase(Locale.ROOT));
            Tooltip.install(line, new Tooltip(mark.label()));
            line.setUserData(mark);
            lines.add(line);
        }
        getPlotChildren().addAll(lines);
        requestChartLayout();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        double bottom = getYAxis().getHeight();
        for (Line line : lines) {
            double at = ((EventMark) line.getUserData()).time();
            double x = time.getDisplayPosition(at);
            line.setStartX(x);
            line.setEndX(x);
            line.setStartY(0);
            line.setEndY(bottom);
            line.setVisible(at >= time.getLowerBound() && at <= time.getUpperBound());
        }
    }
}
