package io.shopscale.console.window.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
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
        Map<String, ReplicaChipView> chipViews = new HashMap<>();
        Runnable showChips = () -> {
            List<ReplicaChipView> shown = card.chips().stream().map(chip -> {
                ReplicaChipView view = chipViews.computeIfAbsent(chip.container(),
                        container -> new ReplicaChipView(container, card.planRunningProperty(), stack));
                view.show(chip);
                return view;
            }).toList();
            chipViews.values().retainAll(shown);
            if (!chips.getChildren().equals(shown)) {
                chips.getChildren().setAll(shown);
            }
        };
        card.chips().addListener((ListChangeListener<ReplicaChip>) change -> showChips.run());
        showChips.run();

        ListView<String> steps = new ListView<>(card.steps());
        steps.setId("steps-" + card.service());
        steps.getStyleClass().add("steps");
        steps.setPrefHeight(110);
        card.steps().addListener((ListChangeListener<String>) change -> steps.scrollTo(card.steps().size() - 1));

        getChildren().addAll(header, slider, chips, steps);
    }
}
