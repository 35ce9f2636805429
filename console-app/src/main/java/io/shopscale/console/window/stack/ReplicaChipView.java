package io.shopscale.console.window.stack;

import javafx.beans.binding.BooleanExpression;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One replica's chip: its name, state, CPU and memory, and a kill button. A chip stays the same node while its
 * replica exists and is updated in place ({@link #show}), so the button a presenter aims at is not replaced under the
 * pointer each second as the figures change.
 */
final class ReplicaChipView extends VBox {

    private static final String STATE_CLASS = "chip-";

    private final Label state = new Label();
    private final Label usage = new Label();
    private final Button kill = new Button("kill");

    /** @param planRunning while true the kill button is hidden: a plan may be starting or draining this replica */
    ReplicaChipView(String container, BooleanExpression planRunning, StackViewModel stack) {
        setId("chip-" + container);
        getStyleClass().add("chip");
        state.setId("state-" + container);
        kill.setId("kill-" + container);
        kill.setTooltip(new Tooltip("SIGKILL this replica now, as a crash would"));
        kill.visibleProperty().bind(planRunning.not());
        kill.setOnAction(event -> stack.kill(container));
        HBox bottom = new HBox(8, usage, kill);
        bottom.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(new Label(container), state, bottom);
    }

    /** Shows {@code chip}'s state and figures; the chip is this view's replica. */
    void show(ReplicaChip chip) {
        state.setText(chip.state().label());
        usage.setText(chip.usage());
        kill.setDisable(chip.state() == ReplicaState.STOPPED);
        getStyleClass().removeIf(style -> style.startsWith(STATE_CLASS));
        getStyleClass().add(STATE_CLASS + chip.state().label());
    }
}
