package io.shopscale.console.metrics;

import java.time.Instant;

/**
 * The one clock of the load generator and the metrics hub. Intervals come from {@link #nanoTime()}, which never
 * jumps; {@link #now()} only anchors a timeline to the wall clock once, so samples and events never disagree.
 */
public interface TimeSource {

    long nanoTime();

    Instant now();

    static TimeSource system() {
        return SystemTime.INSTANCE;
    }

    /** An enum singleton, so the system clock has no state to get wrong. */
    enum SystemTime implements TimeSource {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    }
}
