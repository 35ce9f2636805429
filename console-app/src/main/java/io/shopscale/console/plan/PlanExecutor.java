package io.shopscale.console.plan;

/**
 * Carries out a plan against the Docker engine. It takes no decisions: every decision is in the {@link Planner},
 * where it is tested without Docker. The implementation lives in the {@code docker} package.
 */
public interface PlanExecutor {

    /**
     * Performs the operations in order, one at a time, reporting {@code StepStarted} and then {@code StepFinished}
     * or {@code StepFailed} for each. Stops at the first failure, after reporting it, by throwing
     * {@link PlanFailedException}; the stack is then observed and planned again rather than rolled back. Stops the
     * same way when the calling thread is interrupted.
     */
    void execute(Plan plan, ProgressListener listener);
}
