package io.shopscale.console.window.faults;

import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Faults tab: the faults in force, each with its own "clear", "clear all", and the switches: payments latency
 * and failure rate, a replica frozen, slowed or killed, the database frozen.
 */
public final class FaultsView extends BorderPane {

    public FaultsView(FaultsViewModel faults, javafx.beans.value.ObservableBooleanValue running) {
        setPadding(new Insets(8));
        BooleanBinding off = faults.busyProperty().or(javafx.beans.binding.Bindings.not(running));

        Label problem = new Label();
        problem.setId("faults-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(faults.problemProperty());
        problem.visibleProperty().bind(faults.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        ListView<String> inForce = new ListView<>(faults.inForce());
        inForce.setId("faults-in-force");
        inForce.getStyleClass().add("mono");
        inForce.setPlaceholder(new Label("No faults in force."));
        inForce.setPrefHeight(140);
        inForce.setCellFactory(list -> new FaultCell(faults, off));
        Button clearAll = new Button("Clear all");
        clearAll.setId("faults-clear-all");
        clearAll.disableProperty().bind(off.or(javafx.beans.binding.Bindings.isEmpty(faults.inForce())));
        clearAll.setOnAction(event -> faults.clearAll());
        VBox top = new VBox(6, new Label("In force (kept with the stack, also across stop and start):"), inForce,
                clearAll, problem);

        TextField latency = field("fault-latency", "800ms");
        Button setLatency = button("fault-set-latency", "Set latency", off,
                "Every payment charge waits this long first (up to 10s)");
        setLatency.setOnAction(event -> faults.paymentsLatency(latency.getText()));
        TextField failure = field("fault-failure", "25%");
        Button setFailure = button("fault-set-failure", "Set failure rate", off,
                "This share of payment charges fails with a 503; nothing is charged");
        setFailure.setOnAction(event -> faults.paymentsFailure(failure.getText()));

        ComboBox<String> target = new ComboBox<>(faults.targets());
        target.setId("fault-target");
        target.setPromptText("replica");
        BooleanBinding noTarget = off.or(target.valueProperty().isNull());
        Button timeout = button("fault-timeout", "Timeout (freeze)", noTarget,
                "docker pause: the replica holds its connections and answers nothing");
        timeout.setOnAction(event -> faults.timeout(target.getValue()));
        TextField cpus = field("fault-cpus", "0.1");
        cpus.setText("0.1");
        cpus.setPrefColumnCount(4);
        Button slow = button("fault-slow", "Slow to CPUs", noTarget,
                "docker update --cpus: the replica's CPU limit drops to this many CPUs");
        slow.setOnAction(event -> faults.slow(target.getValue(), cpus.getText()));
        Button down = button("fault-down", "Down (kill)", noTarget,
                "SIGKILL once, as a crash: nginx routes around it, heal replaces it");
        down.setOnAction(event -> faults.down(target.getValue()));
        Button database = button("fault-timeout-database", "Timeout database (freeze)", off,
                "docker pause on PostgreSQL: every query waits");
        database.setOnAction(event -> faults.timeout("database"));

        VBox switches = new VBox(10,
                new Label("Payments"), row(latency, setLatency, failure, setFailure),
                new Label("A replica"), row(target, timeout, cpus, slow, down),
                new Label("The database"), row(database));
        switches.setPadding(new Insets(12, 0, 0, 0));
        setTop(top);
        setCenter(switches);
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(6);
        return field;
    }

    private static Button button(String id, String text, BooleanBinding disabled, String tip) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.disableProperty().bind(disabled);
        return button;
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** One fault in force, with a button that clears it. */
    private static final class FaultCell extends ListCell<String> {

        private final Label text = new Label();
        private final Button clear = new Button("clear");
        private final HBox box;

        FaultCell(FaultsViewModel faults, BooleanBinding off) {
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            box = new HBox(8, text, gap, clear);
            box.setAlignment(Pos.CENTER_LEFT);
            clear.disableProperty().bind(off);
            clear.setOnAction(event -> faults.clear(getItem()));
        }

        @Override
        protected void updateItem(String fault, boolean empty) {
            super.updateItem(fault, empty);
            if (empty || fault == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            text.setText(fault);
            clear.setId("fault-clear-" + fault.split(" ")[0] + "-" + fault.split(" ")[1].replace(':', '-'));
            setGraphic(box);
        }
    }
}
