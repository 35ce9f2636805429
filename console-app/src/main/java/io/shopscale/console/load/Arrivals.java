package io.shopscale.console.load;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The intended start times of requests, from the rate schedule alone: an open loop. Whether earlier requests have
 * been answered plays no part. A late caller gets every start it missed, with its original time, so that lateness is
 * measured as latency rather than skipped; but the starts of a long lateness go out at up to {@link #CATCH_UP} times
 * the schedule's rate, not all at once. The generator falls behind when its own process or host pauses (a GC pause, a
 * busy laptop), not the shop: sent all at once after a pause of 2 s at 14 requests/s, the missed starts arrived at a
 * replica of 0.35 CPU as one burst of 28, and nginx shed 7 of them at its limit of 22 in flight, though the shop
 * served that rate with room to spare. Owned by one thread.
 */
final class Arrivals {

    /** Late starts go out at up to this many times the schedule's rate until the generator has caught up. */
    static final int CATCH_UP = 2;
    /** A lateness up to this long is sent at once: the scheduler's ordinary jitter and short GC pauses. */
    static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final long NONE = Long.MAX_VALUE;

    private final RateSchedule schedule;
    private final long endNanos;
    /** The intended time of the next start. */
    private long next;
    /** The pacing clock: the next start goes out when both it and {@link #next} have passed. */
    private long release;

    /** @param endNanos no request is intended at or after it; {@link Long#MAX_VALUE} for no end */
    Arrivals(RateSchedule schedule, long startNanos, long endNanos) {
        this.schedule = schedule;
        this.endNanos = endNanos;
        // A steady rate starts at once; a ramp from 0 starts when its first request has accumulated.
        this.next = schedule.rateAt(startNanos) > 0 ? startNanos : after(startNanos);
        this.release = next;
    }

    /**
     * Hands the intended starts up to {@code nowNanos} to {@code start}, oldest first: all of them when the caller is
     * at most {@link #BURST_NANOS} late, else as many as the catch-up pace allows by now.
     */
    void startDue(long nowNanos, LongConsumer start) {
        if (next == NONE) {
            next = after(nowNanos);
            release = next;
        }
        release = Math.max(release, nowNanos - BURST_NANOS);
        while (next <= nowNanos && release <= nowNanos && next < endNanos) {
            start.accept(next);
            long following = after(next);
            release = following == NONE ? following
                    : Math.max(following, release + (following - next) / CATCH_UP);
            next = following;
        }
    }

    /**
     * After a rate change: a start still in the future follows the new schedule from now. An overdue start keeps
     * its time, or the generator's lateness would vanish from the latencies.
     */
    void rescheduleFrom(long nowNanos) {
        if (next > nowNanos) {
            next = Math.min(next, after(nowNanos));
            release = next;
        }
    }

    /** When the next start goes out, or {@link Long#MAX_VALUE} while the rate is 0. */
    long next() {
        return Math.max(next, release);
    }

    /** How far behind its schedule the caller is at {@code nowNanos}: 0 when no intended start is overdue. */
    long lateness(long nowNanos) {
        return next < endNanos && next <= nowNanos ? nowNanos - next : 0;
    }

    /** Whether the end has passed and every start intended before it has gone out. */
    boolean isOver(long nowNanos) {
        return nowNanos >= endNanos && next >= endNanos;
    }

    private long after(long fromNanos) {
        long step = schedule.nanosToNextRequest(fromNanos);
        return step == Long.MAX_VALUE || fromNanos > Long.MAX_VALUE - step ? NONE : fromNanos + step;
    }
}
