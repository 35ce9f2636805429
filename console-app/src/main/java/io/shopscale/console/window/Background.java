package io.shopscale.console.window;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where the window's slow work runs: every engine and Docker call goes through {@link #run}, in a {@link Lane}, off
 * the FX thread, and its result comes back on the FX thread. Tests use {@link #sameThread()}.
 */
public interface Background {

    /**
     * Runs {@code work} in {@code lane}, off the FX thread, then {@code done} or {@code failed} on the FX thread,
     * unless the returned handle is cancelled first. Work on {@link Lane#READ} that outlasts its time limit is
     * interrupted and fails with a {@link ReadTimeoutException}.
     */
    <T> BackgroundWork run(Lane lane, Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed);

    /** Hands something a background thread learned (a plan step, a message) to the FX thread. */
    void onFxThread(Runnable update);

    /**
     * Closes {@code resource} (a monitor, a stream) off the FX thread and returns at once. When the window closes,
     * what is being released still gets a few seconds to finish.
     */
    void release(AutoCloseable resource);

    /** Runs everything at once on the caller's thread, for view-model tests. */
    static Background sameThread() {
        return new Background() {
            @Override
            public <T> BackgroundWork run(Lane lane, Callable<T> work, Consumer<? super T> done,
                    Consumer<Throwable> failed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    failed.accept(e);
                    return BackgroundWork.ENDED;
                }
                done.accept(result);
                return BackgroundWork.ENDED;
            }

            @Override
            public void onFxThread(Runnable update) {
                update.run();
            }

            @Override
            public void release(AutoCloseable resource) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // Nothing to tell: what was closed is gone either way.
                }
            }
        };
    }
}
