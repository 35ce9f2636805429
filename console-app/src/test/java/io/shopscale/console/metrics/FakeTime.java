package io.shopscale.console.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. */
public final class FakeTime implements TimeSource {

    public static final Instant ORIGIN = Instant.parse("2025-01-01T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final long originNanos = nanos.get();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return ORIGIN.plusNanos(nanos.get() - originNanos);
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
