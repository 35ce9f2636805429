package io.shopscale.console.window;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * The window's background: threads of its own per {@link Lane}, a timer that ends reads that take too long, and
 * threads that release monitors. {@link #close()} returns at once: it cancels what waits or runs, and a thread of
 * its own gives what still ends (releases, interrupted commands) up to {@link #CLOSE_LIMIT} before the process may
 * exit.
 */
public final class FxBackground implements Background, AutoCloseable {

    /** How long, after the window closed, running work and releases may take before the process exits anyway. */
    public static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final Executor fxThread;
    private final Duration readTimeout;
    private final Duration closeLimit;
    private final Map<Lane, ExecutorService> lanes = new EnumMap<>(Lane.class);
    private final ExecutorService releases = Executors.newCachedThreadPool(threads("shopscale-release"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            threads("shopscale-read-timer"));
    private final Set<LaneWork<?>> unsettled = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Delivers on the FX thread, with the lanes' own time limits. */
    public FxBackground() {
        this(Platform::runLater, Lane.READ_TIMEOUT, CLOSE_LIMIT);
    }

    /**
     * @param fxThread    where results are delivered
     * @param readTimeout how long a piece of work on {@link Lane#READ} may take
     * @param closeLimit  how long the closing thread waits for running work and releases
     */
    FxBackground(Executor fxThread, Duration readTimeout, Duration closeLimit) {
        this.fxThread = fxThread;
        this.readTimeout = readTimeout;
        this.closeLimit = closeLimit;
        for (Lane lane : Lane.values()) {
            lanes.put(lane, Executors.newFixedThreadPool(lane.threads(),
                    threads("shopscale-" + lane.name().toLowerCase(java.util.Locale.ROOT))));
        }
    }

    @Override
    public <T> BackgroundWork run(Lane lane, Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
        LaneWork<T> piece = new LaneWork<>(work, done, failed);
        if (closed) {
            piece.cancel();
            return piece;
        }
        unsettled.add(piece);
        try {
            piece.future = lanes.get(lane).submit(piece::runOnLane);
        } catch (RejectedExecutionException e) {
            piece.cancel();
            return piece;
        }
        if (lane.timeout().isPresent()) {
            piece.timer = timer.schedule(() -> piece.timedOut(readTimeout), readTimeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        return piece;
    }

    @Override
    public void onFxThread(Runnable update) {
        fxThread.execute(update);
    }

    @Override
    public void release(AutoCloseable resource) {
        Runnable closing = () -> {
            try {
                resource.close();
            } catch (Exception e) {
                // Nothing to tell: what was closed is gone either way.
            }
        };
        try {
            releases.execute(closing);
        } catch (RejectedExecutionException e) {
            threads("shopscale-release-late").newThread(closing).start();
        }
    }

    /**
     * Cancels every piece of work that has not delivered, interrupts what runs, and returns at once. A thread that
     * keeps the process alive waits up to the close limit for the lanes and the releases to end.
     */
    @Override
    public void close() {
        closed = true;
        unsettled.forEach(LaneWork::cancel);
        lanes.values().forEach(ExecutorService::shutdownNow);
        timer.shutdownNow();
        releases.shutdown();
        Thread closing = new Thread(this::awaitEnd, "shopscale-closing");
        closing.setDaemon(false);
        closing.start();
    }

    private void awaitEnd() {
        long deadline = System.nanoTime() + closeLimit.toNanos();
        try {
            for (ExecutorService lane : lanes.values()) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            releases.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every lane and release has ended since {@link #close()}; for tests. */
    boolean hasEnded() {
        return lanes.values().stream().allMatch(ExecutorService::isTerminated) && releases.isTerminated();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One piece of work: settled once, by its end, its time limit or a cancel, whichever comes first. */
    private final class LaneWork<T> implements BackgroundWork {

        private final Callable<T> work;
        private final Consumer<? super T> done;
        private final Consumer<Throwable> failed;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile boolean delivered;
        private volatile Future<?> future;
        private volatile ScheduledFuture<?> timer;

        LaneWork(Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
            this.work = work;
            this.done = done;
            this.failed = failed;
        }

        void runOnLane() {
            T result;
            try {
                result = work.call();
            } catch (Throwable e) {
                settle(() -> failed.accept(e));
                return;
            }
            settle(() -> done.accept(result));
        }

        void timedOut(Duration limit) {
            if (settle(() -> failed.accept(new ReadTimeoutException(limit)))) {
                interrupt();
            }
        }

        @Override
        public void cancel() {
            if (delivered) {
                return;
            }
            cancelled = true;
            if (settled.compareAndSet(false, true)) {
                unsettled.remove(this);
                interrupt();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isEnded() {
            return delivered || cancelled;
        }

        /** Hands the outcome to the FX thread if nothing settled this work before; says whether it did. */
        private boolean settle(Runnable delivery) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            unsettled.remove(this);
            ScheduledFuture<?> limit = timer;
            if (limit != null) {
                limit.cancel(false);
            }
            fxThread.execute(() -> {
                if (!cancelled) {
                    delivered = true;
                    delivery.run();
                }
            });
            return true;
        }

        private void interrupt() {
            Future<?> running = future;
            if (running != null) {
                running.cancel(true);
            }
            ScheduledFuture<?> limit = timer;
            if (limit != null) {
                limit.cancel(false);
            }
        }
    }
}
