package io.shopscale.console.experiment;

/** How a run ended. */
public enum Outcome {
    /** The timeline ran to its end; the verdicts say whether it passed. */
    COMPLETED,
    /** The steady state did not hold before the timeline, so the timeline did not run. */
    STEADY_STATE_NOT_MET,
    /** The abort rule fired, a step failed, or the run was interrupted. */
    ABORTED
}
