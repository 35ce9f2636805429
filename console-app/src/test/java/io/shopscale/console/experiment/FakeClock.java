package io.shopscale.console.experiment;

import java.time.Instant;

/**
 * A run clock that jumps to where it is asked to sleep until; before it jumps, the listener hears where to, so that
 * a fake shop can play out the time in between in the state it is in now.
 */
public final class FakeClock implements RunClock {

    private java.util.function.LongConsumer beforeJump = target -> { };

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private long millis;

    public void beforeJump(java.util.function.LongConsumer listener) {
        beforeJump = listener;
    }

    @Override
    public Instant startedAt() {
        return START;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public void sleepUntil(long target) {
        beforeJump.accept(target);
        millis = Math.max(millis, target);
    }
}
