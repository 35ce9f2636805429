package io.shopscale.console.window;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where the window's slow work runs: every engine and Docker call goes through {@link #run}, off the FX thread, and
 * its result comes back on the FX thread. Tests use {@link #sameThread()}.
 */
public interface Background {

    /** Runs {@code work} off the FX thread, then {@code done} or {@code failed} on the FX thread. */
    <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed);

    /** Hands something a background thread learned (a plan step, a message) to the FX thread. */
    void onFxThread(Runnable update);

    /** Runs everything at once on the caller's thread, for view-model tests. */
    static Background sameThread() {
        return new Background() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    failed.accept(e);
                    return;
                }
                done.accept(result);
            }

            @Override
            public void onFxThread(Runnable update) {
                update.run();
            }
        };
    }
}
