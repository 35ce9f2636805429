package io.shopscale.console.window.stack;

import javafx.beans.value.ObservableBooleanValue;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.window.BackgroundWork;
import io.shopscale.console.window.Lane;

/**
 * Keeps the engine's monitor of the stack open while the stack runs, so the hub has each replica's CPU and memory
 * for the chips and nginx's counters for the panels. Opening runs on {@link Lane#READ}; closing, which may wait for
 * Docker's streams to end, is handed to {@link Background#release}, so neither ever blocks the FX thread. A monitor
 * that could not be opened is tried again the next time the stack starts.
 */
public final class StackMonitoring implements AutoCloseable {

    private final ShopEngine engine;
    private final Background background;
    private final MetricsHub hub;
    private final StackName stack;
    private final ObservableBooleanValue running;
    private Subscription monitor;
    private Opening opening;
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

    /**
     * Stops monitoring for good, for the window's end, and returns at once: the open monitor is released in the
     * background, and one still opening is released as soon as it opens.
     */
    @Override
    public void close() {
        closed = true;
        if (opening != null) {
            opening.abandon();
            opening = null;
        }
        if (monitor != null) {
            background.release(monitor::close);
            monitor = null;
        }
    }

    private void follow() {
        if (closed) {
            return;
        }
        if (running.get() && monitor == null && opening == null) {
            Opening next = new Opening();
            opening = next;
            next.work = background.run(Lane.READ, next::open, opened -> opened(next, opened), failure -> {
                next.abandon();
                if (opening == next) {
                    opening = null;
                }
            });
        } else if (!running.get() && monitor != null) {
            Subscription open = monitor;
            monitor = null;
            background.release(open::close);
        }
    }

    private void opened(Opening which, Subscription opened) {
        if (opening == which) {
            opening = null;
        }
        monitor = opened;
        if (closed) {
            close();
        } else if (!running.get()) {
            follow();
        }
    }

    /**
     * One attempt to open a monitor. When the window gives up on it (a time limit, a close) while the engine is
     * still connecting, the monitor the engine returns later is released rather than left streaming.
     */
    private final class Opening {

        private BackgroundWork work;
        private Subscription late;
        private boolean abandoned;

        /** On the background lane: connects, unless abandoned meanwhile. */
        Subscription open() {
            Subscription opened = engine.monitor(stack, hub);
            synchronized (this) {
                if (!abandoned) {
                    late = opened;
                    return opened;
                }
            }
            background.release(opened::close);
            return opened;
        }

        /** On the FX thread: no result of this attempt is wanted any more. */
        void abandon() {
            if (work != null) {
                work.cancel();
            }
            Subscription toRelease;
            synchronized (this) {
                abandoned = true;
                toRelease = late;
                late = null;
            }
            if (toRelease != null) {
                background.release(toRelease::close);
            }
        }
    }
}
