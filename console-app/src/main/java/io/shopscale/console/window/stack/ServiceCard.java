package io.shopscale.console.window.stack;

import java.util.List;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;


/**
 * One service of the stack: the replica count the slider asks for, the replicas that exist with their state, and
 * the steps of the last scaling of this service as they happen.
 */
public final class ServiceCard {

    /** The steps of one scaling fit; older ones scroll away. */
    static final int MAX_STEPS = 60;

    private final String service;
    private final IntegerProperty requested = new SimpleIntegerProperty(1);
    private final ReadOnlyBooleanWrapper scaling = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper planRunning = new ReadOnlyBooleanWrapper();
    private final ObservableList<ReplicaChip> chips = FXCollections.observableArrayList();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    // One read-only view each, kept: a view made per call would be collected with the listeners added to it.
    private final ObservableList<ReplicaChip> readOnlyChips = FXCollections.unmodifiableObservableList(chips);
    private final ObservableList<String> readOnlySteps = FXCollections.unmodifiableObservableList(steps);
    private boolean adjusting;

    ServiceCard(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** The slider's value; applied by {@link StackViewModel#scale(String, int)} when the user lets go. */
    public IntegerProperty requestedProperty() {
        return requested;
    }

    public ReadOnlyBooleanProperty scalingProperty() {
        return scaling.getReadOnlyProperty();
    }

    /**
     * Whether a plan of the engine runs on this service now: its own scale, or a command on the whole stack (start,
     * mode switch, heal, stop). The card offers no kill meanwhile: the plan may be starting or draining that very
     * replica.
     */
    public ReadOnlyBooleanProperty planRunningProperty() {
        return planRunning.getReadOnlyProperty();
    }

    public ObservableList<ReplicaChip> chips() {
        return readOnlyChips;
    }

    public ObservableList<String> steps() {
        return readOnlySteps;
    }

    /** While the user drags the slider, what Docker reports does not move it. */
    public void setAdjusting(boolean adjusting) {
        this.adjusting = adjusting;
    }

    void showReplicas(List<ReplicaChip> replicas) {
        if (!chips.equals(replicas)) {
            chips.setAll(replicas);
        }
        if (!adjusting && !scaling.get()) {
            int present = (int) replicas.stream().filter(chip -> chip.state() != ReplicaState.DRAINING).count();
            requested.set(Math.max(1, present));
        }
    }

    void scalingStarted() {
        scaling.set(true);
        steps.clear();
    }

    void scalingEnded() {
        scaling.set(false);
    }

    void planStarted() {
        planRunning.set(true);
    }

    void planEnded() {
        planRunning.set(false);
    }

    void addStep(String line) {
        steps.add(line);
        if (steps.size() > MAX_STEPS) {
            steps.remove(0);
        }
    }
}
