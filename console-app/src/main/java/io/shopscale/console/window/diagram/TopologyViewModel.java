package io.shopscale.console.window.diagram;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.metrics.Sample;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.stack.ReplicaChip;
import io.shopscale.console.window.stack.ReplicaState;
import io.shopscale.console.window.stack.StackViewModel;

/**
 * The stack as a diagram: its containers from the last status, the replicas coloured as their chips, and the edges
 * from nginx as wide as each replica's share of the last second's traffic. Laid out again after each status read
 * and each published second while it is shown; the samples reach the FX thread in one hand-over however many piled
 * up, and asks nothing of the engine.
 */
public final class TopologyViewModel implements AutoCloseable {

    private final StackViewModel stack;
    private final Background background;
    private final AtomicReference<Sample> arrived = new AtomicReference<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private final Subscription subscription;
    private final ReadOnlyObjectWrapper<TopologyLayout> layout = new ReadOnlyObjectWrapper<>(TopologyLayout.EMPTY);
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private Map<String, ReplicaShare> shares;

    /** Draws what {@code stack} and {@code hub} hold now, then follows them. Call on the FX thread. */
    public TopologyViewModel(StackViewModel stack, MetricsHub hub, Background background) {
        this.stack = stack;
        this.background = background;
        this.shares = hub.latest().map(TopologyViewModel::sharesOf).orElse(Map.of());
        stack.statusProperty().addListener((property, before, now) -> lay());
        subscription = hub.subscribe(this::arrived);
        shown.addListener((property, before, now) -> lay());
        lay();
    }

    /** Whether the diagram is on screen: while hidden it is not laid out, and showing it lays it out at once. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** Where every box and edge goes; {@link TopologyLayout#EMPTY} while no stack runs. */
    public ReadOnlyObjectProperty<TopologyLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    @Override
    public void close() {
        subscription.close();
    }

    private void arrived(Sample sample) {
        arrived.set(sample);
        if (handOverQueued.compareAndSet(false, true)) {
            background.onFxThread(this::takeArrived);
        }
    }

    private void takeArrived() {
        handOverQueued.set(false);
        Sample latest = arrived.getAndSet(null);
        if (latest != null) {
            shares = sharesOf(latest);
            lay();
        }
    }

    private void lay() {
        if (!shown.get()) {
            return;
        }
        StackStatus status = stack.statusProperty().get();
        Map<String, ReplicaState> states = stack.cards().stream()
                .flatMap(card -> card.chips().stream())
                .collect(Collectors.toMap(ReplicaChip::container, ReplicaChip::state, (first, second) -> first));
        TopologyLayout now = TopologyLayout.of(status, states, shares);
        // An equal layout is left alone, so an idle stack does not redraw every second.
        if (!now.equals(layout.get())) {
            layout.set(now);
        }
    }

    private static Map<String, ReplicaShare> sharesOf(Sample sample) {
        return sample.total().replicas();
    }
}
