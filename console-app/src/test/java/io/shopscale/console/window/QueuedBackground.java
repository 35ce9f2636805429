package io.shopscale.console.window;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds background work until the test lets it run, to look at the window while a command is under way; work of one
 * lane can run while another lane's waits.
 */
public final class QueuedBackground implements Background {

    private final List<Queued> waiting = new ArrayList<>();
    private int released;
    private int cancelled;

    @Override
    public <T> BackgroundWork run(Lane lane, Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
        Queued queued = new Queued(lane, () -> Background.sameThread().run(lane, work, done, failed));
        waiting.add(queued);
        return queued;
    }

    @Override
    public void onFxThread(Runnable update) {
        update.run();
    }

    @Override
    public void release(AutoCloseable resource) {
        waiting.add(new Queued(null, () -> Background.sameThread().release(resource)));
        released++;
    }

    /** Runs what waits, and what that work queues in turn, until nothing is left. */
    public void runAll() {
        while (!waiting.isEmpty()) {
            waiting.remove(0).runNow();
        }
    }

    /** Runs what waits in {@code lane}, and what that work queues in it, leaving the other lanes waiting. */
    public void runAll(Lane lane) {
        for (Queued next = next(lane); next != null; next = next(lane)) {
            waiting.remove(next);
            next.runNow();
        }
    }

    public int waiting() {
        return waiting.size();
    }

    /** How many resources were handed to {@link #release}. */
    public int released() {
        return released;
    }

    /** How many pieces of work were cancelled before they ran. */
    public int cancelled() {
        return cancelled;
    }

    private Queued next(Lane lane) {
        return waiting.stream().filter(queued -> queued.lane == lane).findFirst().orElse(null);
    }

    private final class Queued implements BackgroundWork {

        private final Lane lane;
        private final Runnable work;
        private boolean cancelled;
        private boolean ran;

        Queued(Lane lane, Runnable work) {
            this.lane = lane;
            this.work = work;
        }

        void runNow() {
            ran = true;
            work.run();
        }

        @Override
        public void cancel() {
            if (!ran && !cancelled) {
                cancelled = true;
                QueuedBackground.this.cancelled++;
                waiting.remove(this);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isEnded() {
            return ran || cancelled;
        }
    }
}
