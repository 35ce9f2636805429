package io.shopscale.console.window.traffic;

import java.util.Map;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import io.shopscale.console.load.Scenario;
import io.shopscale.console.load.ScenarioMix;

/**
 * Load for the stack: the target rate, applied when the slider is let go, a weight per scenario, Start load and
 * Stop load, and what the load does.
 */
public final class LoadControlsView extends VBox {

    public LoadControlsView(LoadControlsViewModel load) {
        setSpacing(6);

        Slider rate = new Slider(0, load.maxRate(), load.rateProperty().get());
        rate.setId("load-rate");
        rate.setMajorTickUnit(load.maxRate() / 5);
        rate.setMinorTickCount(4);
        rate.setBlockIncrement(Math.max(1, load.maxRate() / 50));
        rate.setShowTickMarks(true);
        rate.setShowTickLabels(true);
        rate.setPrefWidth(320);
        rate.valueProperty().bindBidirectional(load.rateProperty());
        rate.valueChangingProperty().addListener((property, wasChanging, changing) -> {
            if (!changing) {
                load.applyRate();
            }
        });
        rate.valueProperty().addListener((property, before, now) -> {
            if (!rate.isValueChanging()) {
                load.applyRate();
            }
        });
        Label rateValue = new Label();
        rateValue.textProperty().bind(load.rateProperty().asString("%.0f requests/s"));
        rateValue.setPrefWidth(110);

        Button start = new Button("Start load");
        start.setId("start-load");
        start.setOnAction(event -> load.start());
        start.disableProperty().bind(load.canStartProperty().not());
        Button stop = new Button("Stop load");
        stop.setId("stop-load");
        stop.setOnAction(event -> load.stop());
        stop.disableProperty().bind(load.runningProperty().not().and(load.startingProperty().not()));

        HBox rateRow = new HBox(8, new Label("rate"), rate, rateValue, start, stop);
        rateRow.setAlignment(Pos.CENTER_LEFT);

        HBox mix = new HBox(8, new Label("mix"));
        mix.setAlignment(Pos.CENTER_LEFT);
        for (Map.Entry<Scenario, ObjectProperty<Integer>> weight : load.weights().entrySet()) {
            Spinner<Integer> spinner = new Spinner<>(0, ScenarioMix.MAX_WEIGHT, weight.getValue().get(), 5);
            spinner.setId("weight-" + weight.getKey().label());
            spinner.setEditable(true);
            spinner.setPrefWidth(80);
            SpinnerValueFactory<Integer> values = spinner.getValueFactory();
            values.valueProperty().bindBidirectional(weight.getValue());
            mix.getChildren().addAll(new Label(weight.getKey().label()), spinner);
        }

        Label status = new Label();
        status.setId("load-status");
        status.setWrapText(true);
        status.textProperty().bind(load.statusProperty());

        getChildren().addAll(rateRow, mix, status);
    }
}
