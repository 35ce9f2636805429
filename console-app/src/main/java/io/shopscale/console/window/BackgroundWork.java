package io.shopscale.console.window;

/**
 * A piece of work handed to {@link Background}, as its caller holds it: cancelling it means that neither its result
 * nor its failure is delivered, and that its thread is interrupted if it runs.
 */
public interface BackgroundWork {

    /** Work that has already ended, such as the same-thread background's. */
    BackgroundWork ENDED = new BackgroundWork() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isEnded() {
            return true;
        }
    };

    /**
     * Stops the work: from the FX thread, a promise that its {@code done} and {@code failed} will not run. Harmless
     * once the work has ended.
     */
    void cancel();

    /** Whether {@link #cancel()} was called before the work ended. */
    boolean isCancelled();

    /** Whether the work delivered its result or failure, or was cancelled. */
    boolean isEnded();
}
