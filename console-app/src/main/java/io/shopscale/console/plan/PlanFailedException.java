package io.shopscale.console.plan;

/** Thrown by a {@link PlanExecutor} when a step fails; the steps before it stay done. */
public final class PlanFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Operation failedStep;

    public PlanFailedException(Operation failedStep, String reason, Throwable cause) {
        super(failedStep.summary() + " failed: " + reason, cause);
        this.failedStep = failedStep;
    }

    public Operation failedStep() {
        return failedStep;
    }
}
