package io.shopscale.console.load;

import java.util.function.LongConsumer;

/**
 * The intended start times of requests, from the rate schedule alone: an open loop. Whether earlier requests have
 * been answered plays no part, and a late caller gets every start it missed, with its original time, so that
 * lateness is measured as latency rather than skipped. Owned by one thread.
 */
final class Arrivals {

    private static final long NONE = Long.MAX_VALUE;

    private final RateSchedule schedule;
    private final long endNanos;
    private long next;

    /** @param endNanos no request is intended at or after it; {@link Long#MAX_VALUE} for no end */
    Arrivals(RateSchedule schedule, long startNanos, long endNanos) {
        this.schedule = schedule;
        this.endNanos = endNanos;
        // A steady rate starts at once; a ramp from 0 starts when its first request has accumulated.
        this.next = schedule.rateAt(startNanos) > 0 ? startNanos : after(startNanos);
    }

    /** Hands every intended start up to {@code nowNanos} to {@code start}, oldest first. */
    void startDue(long nowNanos, LongConsumer start) {
        if (next == NONE) {
            next = after(nowNanos);
        }
        while (next <= nowNanos && next < endNanos) {
            start.accept(next);
            next = after(next);
        }
    }

    /**
     * After a rate change: a start still in the future follows the new schedule from now. An overdue start keeps
     * its time, or the generator's lateness would vanish from the latencies.
     */
    void rescheduleFrom(long nowNanos) {
        if (next > nowNanos) {
            next = Math.min(next, after(nowNanos));
        }
    }

    /** When the next request is due, or {@link Long#MAX_VALUE} while the rate is 0. */
    long next() {
        return next;
    }

    boolean isOver(long nowNanos) {
        return nowNanos >= endNanos;
    }

    private long after(long fromNanos) {
        long step = schedule.nanosToNextRequest(fromNanos);
        return step == Long.MAX_VALUE || fromNanos > Long.MAX_VALUE - step ? NONE : fromNanos + step;
    }
}
