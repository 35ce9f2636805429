package io.shopscale.console.window.stack;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import io.shopscale.console.topology.DesiredTopology;

/** A service's card: the replica slider, applied on release, its replicas as chips, and the last scaling's steps. */
public final class ServiceCardView extends VBox {

    public ServiceCardView(ServiceCard card, StackViewModel stack) {
        getStyleClass().add("card");
        setId("card-" + card.service());

        Label title = new Label(card.service());
        title.getStyleClass().add("card-title");

        Slider slider = new Slider(1, DesiredTopology.MAX_REPLICAS, card.requestedProperty().get());
        slider.setId("slider-" + card.service());
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setBlockIncrement(1);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.disableProperty().bind(stack.busyProperty().or(stack.runningProperty().not()));
        ReplicaSlider.bind(slider, card, stack);
        Label count = new Label();
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            long replicas = Math.round(slider.getValue());
            return replicas + (replicas == 1 ? " replica" : " replicas");
        }, slider.valueProperty()));
        HBox header = new HBox(12, title, count);
        header.setAlignment(Pos.BASELINE_LEFT);

        FlowPane chips = new FlowPane(6, 6);
        chips.setId("chips-" + card.service());
        Runnable showChips = () -> chips.getChildren().setAll(card.chips().stream()
                .map(chip -> chipView(chip, card, stack)).toList());
        card.chips().addListener((ListChangeListener<ReplicaChip>) change -> showChips.run());
        showChips.run();

        ListView<String> steps = new ListView<>(card.steps());
        steps.setId("steps-" + card.service());
        steps.getStyleClass().add("steps");
        steps.setPrefHeight(110);
        card.steps().addListener((ListChangeListener<String>) change -> steps.scrollTo(card.steps().size() - 1));

        getChildren().addAll(header, slider, chips, steps);
    }

    private static VBox chipView(ReplicaChip chip, ServiceCard card, StackViewModel stack) {
        Label name = new Label(chip.container());
        Label state = new Label(chip.state().label());
        state.setId("state-" + chip.container());
        Label usage = new Label(chip.usage());
        Button kill = new Button("kill");
        kill.setId("kill-" + chip.container());
        kill.setTooltip(new Tooltip("SIGKILL this replica now, as a crash would"));
        kill.setDisable(chip.state() == ReplicaState.STOPPED);
        // Not offered while a plan may be starting or draining this very replica.
        kill.visibleProperty().bind(card.planRunningProperty().not());
        kill.setOnAction(event -> stack.kill(chip.container()));
        HBox bottom = new HBox(8, usage, kill);
        bottom.setAlignment(Pos.CENTER_LEFT);
        VBox view = new VBox(name, state, bottom);
        view.setId("chip-" + chip.container());
        view.getStyleClass().addAll("chip", "chip-" + chip.state().label());
        return view;
    }
}
