package io.shopscale.console.window.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.fault.Fault;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultException;
import io.shopscale.console.fault.FaultTarget;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.Lane;
import io.shopscale.console.window.Problems;
import io.shopscale.console.window.stack.StackViewModel;

/**
 * The Faults panel: the faults in force on the stack and the switches for them, as {@code shopctl fault} has. What is
 * in force is read when the panel opens, after each switch, and with every status read of the stack (which carries
 * the kept faults), so a fault switched from {@code shopctl} shows within a poll. Each fault that comes or goes is a
 * {@link EventKind#FAULT} event on the charts' timeline. Switches run on {@link Lane#COMMAND}, one at a time.
 */
public final class FaultsViewModel {

    private final ShopEngine engine;
    private final Background background;
    private final BiConsumer<EventKind, String> timeline;
    private final StackName stack;
    private final ObservableBooleanValue running;

    private final ObservableList<String> inForce = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyInForce = FXCollections.unmodifiableObservableList(inForce);
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyTargets = FXCollections.unmodifiableObservableList(targets);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final BooleanProperty shown = new SimpleBooleanProperty();

    /** The faults last shown; null before the first read, which sets the baseline without events. */
    private List<String> known;
    /** Status reads begun before the last switch ended, which may still bring what was in force before it. */
    private int staleReads;

    public FaultsViewModel(ShopEngine engine, Background background, MetricsHub hub, StackViewModel stack) {
        this(engine, background, hub::recordEvent, stack.stack(), stack.runningProperty(), stack.statusProperty());
    }

    FaultsViewModel(ShopEngine engine, Background background, BiConsumer<EventKind, String> timeline,
            StackName stack, ObservableBooleanValue running, ObservableValue<StackStatus> status) {
        this.engine = engine;
        this.background = background;
        this.timeline = timeline;
        this.stack = stack;
        this.running = running;
        status.addListener((property, before, read) -> {
            if (read != null) {
                showTargets(read);
                fromStatus(read.faults());
            }
        });
        shown.addListener((property, was, now) -> {
            if (now) {
                read();
            }
        });
    }

    /** The faults in force, each in its text form ({@code latency payments 800ms}). */
    public ObservableList<String> inForce() {
        return readOnlyInForce;
    }

    /** What a replica fault may act on: the stack's replicas ({@code monolith:2}) as last read. */
    public ObservableList<String> targets() {
        return readOnlyTargets;
    }

    /** Why the last read or switch failed, for people; empty when it did not. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether a switch is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether the panel is on screen: opening it reads the faults in force. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Reads the faults in force again. */
    public void read() {
        background.run(Lane.READ, () -> engine.faults(stack), faults -> {
            problem.set("");
            show(faults.texts());
        }, failure -> problem.set(Problems.describe(failure)));
    }

    /** Each payment charge waits {@code latency} first ({@code 800ms}, {@code 2s}). */
    public void paymentsLatency(String latency) {
        switchFault("latency " + Fault.PAYMENTS + " " + latency.strip());
    }

    /** This share of payment charges fails ({@code 25%}, {@code 0.25}). */
    public void paymentsFailure(String rate) {
        switchFault("failure " + Fault.PAYMENTS + " " + rate.strip());
    }

    /** Freezes {@code target} ({@code monolith:2}, {@code database}). */
    public void timeout(String target) {
        switchFault("timeout " + target);
    }

    /** Lowers {@code replica}'s CPU limit to {@code cpus}. */
    public void slow(String replica, String cpus) {
        switchFault("slow " + replica + " " + cpus.strip());
    }

    /** Kills {@code replica} once. */
    public void down(String replica) {
        switchFault("down " + replica);
    }

    /** Switches off the fault shown as {@code text}. */
    public void clear(String text) {
        switchFault("clear " + text);
    }

    public void clearAll() {
        switchFault("clear all");
    }

    /** Switches as {@code shopctl fault} does, from the same text; bad text is shown as the problem. */
    void switchFault(String text) {
        if (busy.get()) {
            return;
        }
        if (!running.get()) {
            problem.set("Start the stack first: faults act on a running stack.");
            return;
        }
        FaultChange change;
        try {
            change = FaultChange.parse(text);
        } catch (FaultException e) {
            problem.set(e.getMessage());
            return;
        }
        busy.set(true);
        problem.set("");
        if (change instanceof FaultChange.On on && !on.fault().lasting()) {
            timeline.accept(EventKind.FAULT, on.fault().toText());
        }
        background.run(Lane.COMMAND, () -> engine.switchFault(stack, change, ShopEngine.EngineListener.IGNORE),
                (FaultsInForce faults) -> {
                    busy.set(false);
                    staleReads = 1;
                    show(faults.texts());
                }, failure -> {
                    busy.set(false);
                    problem.set(Problems.describe(failure));
                    read();
                });
    }

    private void fromStatus(List<String> faults) {
        if (busy.get()) {
            return;
        }
        if (staleReads > 0 && known != null && !faults.equals(known)) {
            staleReads--;
            return;
        }
        staleReads = 0;
        show(faults);
    }

    /** Shows {@code faults} and puts each one that came or went on the timeline. */
    private void show(List<String> faults) {
        if (known != null) {
            List<String> gone = new ArrayList<>(known);
            gone.removeAll(faults);
            List<String> came = new ArrayList<>(faults);
            came.removeAll(known);
            gone.forEach(fault -> timeline.accept(EventKind.FAULT, "off: " + fault));
            came.forEach(fault -> timeline.accept(EventKind.FAULT, "on: " + fault));
        }
        known = List.copyOf(faults);
        if (!inForce.equals(faults)) {
            inForce.setAll(faults);
        }
    }

    private void showTargets(StackStatus status) {
        List<String> replicas = new ArrayList<>();
        for (StackStatus.Replica replica : status.containers()) {
            if (Labels.ROLE_APP.equals(replica.role())) {
                try {
                    replicas.add(new FaultTarget(replica.service(), replica.replica()).text());
                } catch (FaultException notATarget) {
                    // a container whose labels this console does not know
                }
            }
        }
        replicas.sort(null);
        if (!targets.equals(replicas)) {
            targets.setAll(replicas);
        }
    }
}
