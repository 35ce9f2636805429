package io.shopscale.console.plan;

import java.time.Duration;

/**
 * What an executor reports while it carries out a plan; the CLI prints these and the window shows them.
 * {@code step} counts from 1 to {@code totalSteps}.
 */
public sealed interface ProgressEvent {

    Operation operation();

    int step();

    int totalSteps();

    record StepStarted(Operation operation, int step, int totalSteps) implements ProgressEvent {
    }

    record StepFinished(Operation operation, int step, int totalSteps, Duration elapsed) implements ProgressEvent {
    }

    /** @param reason what went wrong, for people: "OOM-killed", "exit code 1", the last log lines */
    record StepFailed(Operation operation, int step, int totalSteps, Duration elapsed, String reason)
            implements ProgressEvent {
    }
}
