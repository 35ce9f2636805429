package io.shopscale.console.window.stack;

import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.Mode;

/**
 * The top of the window: the mode (chosen before Start, switched while the stack runs), the engine (chosen before
 * Start, shown while the stack runs), Start, Stop, Open the shop,
 * the image source and what went wrong.
 */
public final class StackBar extends VBox {

    public StackBar(StackViewModel stack, Consumer<String> openInBrowser) {
        setSpacing(6);
        Label title = new Label("ShopScale · stack " + stack.stack());
        title.getStyleClass().add("title");

        ToggleGroup modes = new ToggleGroup();
        ToggleButton monolith = modeButton("Monolith", Mode.MONOLITH, modes, stack);
        ToggleButton services = modeButton("Microservices", Mode.SERVICES, modes, stack);
        services.setId("mode-services");
        monolith.setId("mode-monolith");

        // Chosen before Start; while the stack runs, it shows the engine the stack runs on.
        ChoiceBox<EngineKind> engine = new ChoiceBox<>(FXCollections.observableArrayList(EngineKind.values()));
        engine.setId("engine");
        engine.setConverter(new StringConverter<>() {
            @Override
            public String toString(EngineKind kind) {
                return kind == null ? "" : kind == EngineKind.SWARM ? "on Docker Swarm" : "on Docker";
            }

            @Override
            public EngineKind fromString(String text) {
                return null;
            }
        });
        engine.valueProperty().bindBidirectional(stack.engineProperty());
        engine.disableProperty().bind(stack.busyProperty().or(stack.runningProperty()));

        Button start = new Button("Start");
        start.setId("start");
        start.setDefaultButton(true);
        start.setOnAction(event -> stack.start());
        start.disableProperty().bind(stack.busyProperty().or(stack.runningProperty()));

        Button stop = new Button("Stop");
        stop.setId("stop");
        stop.setOnAction(event -> stack.stop());
        stop.disableProperty().bind(stack.busyProperty().or(stack.runningProperty().not()));

        Button heal = new Button("Replace stopped replicas");
        heal.setId("heal");
        heal.setOnAction(event -> stack.heal());
        heal.disableProperty().bind(stack.busyProperty().or(stack.runningProperty().not()));

        Button open = new Button("Open the shop");
        open.setId("open-shop");
        open.setOnAction(event -> openInBrowser.accept(stack.urlProperty().get()));
        open.disableProperty().bind(stack.urlProperty().isEmpty());

        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(18, 18);
        working.visibleProperty().bind(stack.busyProperty());

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label url = new Label();
        url.textProperty().bind(stack.urlProperty());
        HBox controls = new HBox(8, title, monolith, services, engine, start, stop, heal, working, gap, url, open);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label imageSource = new Label();
        imageSource.setId("image-source");
        imageSource.getStyleClass().add("image-source");
        imageSource.setWrapText(true);
        imageSource.textProperty().bind(stack.imageSourceProperty());

        Label problem = new Label();
        problem.setId("problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.setMaxWidth(Double.MAX_VALUE);
        problem.textProperty().bind(stack.problemProperty());
        problem.visibleProperty().bind(stack.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label readFailed = new Label("The last status read failed; the stack is shown as it was read before.");
        readFailed.setId("status-read-failed");
        readFailed.getStyleClass().add("problem");
        readFailed.visibleProperty().bind(stack.statusReadFailedProperty());
        readFailed.managedProperty().bind(readFailed.visibleProperty());

        Label parked = new Label();
        parked.setId("parked-events");
        parked.getStyleClass().add("problem");
        parked.setWrapText(true);
        parked.textProperty().bind(stack.parkedEventsProperty());
        parked.visibleProperty().bind(stack.parkedEventsProperty().isNotEmpty());
        parked.managedProperty().bind(parked.visibleProperty());

        getChildren().addAll(controls, imageSource, readFailed, parked, problem);
    }

    private static ToggleButton modeButton(String text, Mode mode, ToggleGroup group, StackViewModel stack) {
        ToggleButton button = new ToggleButton(text);
        button.setToggleGroup(group);
        button.setSelected(stack.modeProperty().get() == mode);
        button.setOnAction(event -> {
            if (stack.runningProperty().get()) {
                // The button shows the mode that runs until the switch is done.
                button.setSelected(stack.modeProperty().get() == mode);
                stack.switchMode(mode);
            } else {
                stack.modeProperty().set(mode);
                button.setSelected(true);
            }
        });
        stack.modeProperty().addListener((property, before, now) -> button.setSelected(now == mode));
        button.disableProperty().bind(stack.busyProperty());
        return button;
    }
}
