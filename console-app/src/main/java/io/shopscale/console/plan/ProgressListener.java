package io.shopscale.console.plan;

/**
 * Receives an executor's {@link ProgressEvent}s, on the executor's thread: a UI listener hands them over to its own
 * thread itself.
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(ProgressEvent event);
}
