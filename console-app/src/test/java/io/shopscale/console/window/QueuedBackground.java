package io.shopscale.console.window;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Holds background work until the test lets it run, to look at the window while a command is under way. */
public final class QueuedBackground implements Background {

    private final Queue<Runnable> waiting = new ArrayDeque<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
        waiting.add(() -> Background.sameThread().run(work, done, failed));
    }

    @Override
    public void onFxThread(Runnable update) {
        update.run();
    }

    /** Runs what waits, and what that work queues in turn, until nothing is left. */
    public void runAll() {
        while (!waiting.isEmpty()) {
            waiting.remove().run();
        }
    }

    public int waiting() {
        return waiting.size();
    }
}
