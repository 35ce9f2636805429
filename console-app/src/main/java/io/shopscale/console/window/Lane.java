package io.shopscale.console.window;

import java.time.Duration;
import java.util.Optional;

/**
 * Which queue a piece of background work waits in. Each lane has threads of its own, so that a scale that takes its
 * minute never delays the status read every two seconds, nor a load that the user starts meanwhile.
 */
public enum Lane {

    /**
     * Commands that change the stack and may take minutes: up, scale, heal, down, a mode switch. One at a time, in
     * the order given, with no time limit: the engine bounds each of its own steps.
     */
    COMMAND(1, null),

    /**
     * Short calls answered in seconds: the stack's status, nginx's config, logs, opening a monitor, and a kill, which
     * must not wait behind a scale of another service. Each one fails with a {@link ReadTimeoutException} after
     * {@link #READ_TIMEOUT}.
     */
    READ(2, Duration.ofSeconds(20)),

    /** The load generator's set-up (shoppers registering and logging in); no Docker call, no time limit. */
    LOAD(1, null),

    /**
     * An experiment's run, minutes long: its own load, and its engine steps on a thread of the run's own (the stack's
     * lock keeps them and the window's commands one at a time). One run at a time, no time limit.
     */
    EXPERIMENT(1, null);

    /** How long a call on {@link #READ} may take before it counts as failed. */
    public static final Duration READ_TIMEOUT = READ.timeout;

    private final int threads;
    private final Duration timeout;

    Lane(int threads, Duration timeout) {
        this.threads = threads;
        this.timeout = timeout;
    }

    /** How many pieces of work of this lane may run at once. */
    public int threads() {
        return threads;
    }

    /** How long one piece of work may take on this lane; empty when it has no limit. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }
}
