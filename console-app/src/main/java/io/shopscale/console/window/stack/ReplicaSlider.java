package io.shopscale.console.window.stack;

import javafx.scene.control.Slider;

/**
 * Ties a slider to a card: the user's value is applied when they let go (or at once for a click or an arrow key);
 * a value that comes from the stack only moves the slider.
 */
final class ReplicaSlider {

    private final Slider slider;
    private final ServiceCard card;
    private final StackViewModel stack;
    private boolean showingModel;

    private ReplicaSlider(Slider slider, ServiceCard card, StackViewModel stack) {
        this.slider = slider;
        this.card = card;
        this.stack = stack;
    }

    static void bind(Slider slider, ServiceCard card, StackViewModel stack) {
        ReplicaSlider binding = new ReplicaSlider(slider, card, stack);
        card.requestedProperty().addListener((property, before, now) -> binding.show(now.intValue()));
        slider.valueChangingProperty().addListener((property, wasChanging, changing) -> {
            card.setAdjusting(changing);
            if (!changing) {
                binding.apply();
            }
        });
        slider.valueProperty().addListener((property, before, now) -> {
            if (!slider.isValueChanging() && !binding.showingModel) {
                binding.apply();
            }
        });
    }

    private void show(int replicas) {
        showingModel = true;
        try {
            slider.setValue(replicas);
        } finally {
            showingModel = false;
        }
    }

    private void apply() {
        int replicas = (int) Math.round(slider.getValue());
        card.requestedProperty().set(replicas);
        stack.scale(card.service(), replicas);
    }
}
