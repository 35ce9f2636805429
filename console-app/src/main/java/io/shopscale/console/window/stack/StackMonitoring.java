package io.shopscale.console.window.stack;

import javafx.beans.value.ObservableBooleanValue;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.engine.ShopEngine;

/**
 * Keeps the engine's monitor of the stack open while the stack runs, so the hub has each replica's CPU and memory
 * for the chips and nginx's counters for the panels. Opening and closing run through {@link Background}; a monitor
 * that could not be opened is tried again the next time the stack starts.
 */
public final class StackMonitoring implements AutoCloseable {

    private final ShopEngine engine;
    private final Background background;
    private final MetricsHub hub;
    private final StackName stack;
    private final ObservableBooleanValue running;
    private Subscription monitor;
    private boolean opening;
    private boolean closed;

    public StackMonitoring(ShopEngine engine, Background background, MetricsHub hub, StackName stack,
            ObservableBooleanValue running) {
        this.engine = engine;
        this.background = background;
        this.hub = hub;
        this.stack = stack;
        this.running = running;
        running.addListener((property, was, now) -> follow());
        follow();
    }

    /** Whether a monitor is open now. */
    public boolean isOpen() {
        return monitor != null;
    }

    /** Closes the monitor at once, on the caller's thread: for the window's end. */
    @Override
    public void close() {
        closed = true;
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
    }

    private void follow() {
        if (closed) {
            return;
        }
        if (running.get() && monitor == null && !opening) {
            opening = true;
            background.run(() -> engine.monitor(stack, hub), this::opened, failure -> opening = false);
        } else if (!running.get() && monitor != null) {
            Subscription open = monitor;
            monitor = null;
            background.run(() -> {
                open.close();
                return null;
            }, done -> { }, failure -> { });
        }
    }

    private void opened(Subscription opened) {
        opening = false;
        monitor = opened;
        if (closed) {
            close();
        } else if (!running.get()) {
            follow();
        }
    }
}
