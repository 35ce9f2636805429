package io.shopscale.console.window;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * The window's one background executor. Two threads, so that reading the stack's state (every two seconds) goes on
 * while a scale takes its minute; the view-models never run two commands at once.
 */
public final class FxBackground implements Background, AutoCloseable {

    private static final int THREADS = 2;

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "shopscale-engine-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> done.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> failed.accept(e));
            }
        });
    }

    @Override
    public void onFxThread(Runnable update) {
        Platform.runLater(update);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
