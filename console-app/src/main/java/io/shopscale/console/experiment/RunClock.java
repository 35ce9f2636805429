package io.shopscale.console.experiment;

import java.time.Instant;

/** The runner's clock: milliseconds since the run started. Tests use one that jumps instead of sleeping. */
public interface RunClock {

    /** When the run started, on the wall clock, to place load samples on the run's seconds. */
    Instant startedAt();

    long millis();

    /** Returns once {@link #millis()} has reached {@code millis}. */
    void sleepUntil(long millis) throws InterruptedException;

    /** Starts now, on {@link System#nanoTime()}. */
    static RunClock system() {
        long origin = System.nanoTime();
        Instant start = Instant.now();
        return new RunClock() {
            @Override
            public Instant startedAt() {
                return start;
            }

            @Override
            public long millis() {
                return (System.nanoTime() - origin) / 1_000_000;
            }

            @Override
            public void sleepUntil(long millis) throws InterruptedException {
                long left = millis - millis();
                if (left > 0) {
                    Thread.sleep(left);
                }
            }
        };
    }
}
