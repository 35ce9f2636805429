package io.shopscale.console.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The target rate over time: a linear ramp from one rate to another, then steady. {@link #setRate} starts a new
 * ramp from whatever the rate is at that moment, so moving a slider mid-ramp never makes the rate jump. Times are
 * {@code TimeSource.nanoTime()} readings. Thread-safe.
 */
public final class RateSchedule {

    /** Enough for any laptop; a typo like 3000000 is refused instead of queueing millions of requests. */
    public static final double MAX_RATE = 100_000;

    private static final double SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private volatile Ramp ramp;

    private RateSchedule(Ramp ramp) {
        this.ramp = ramp;
    }

    /** From {@code fromRate} at {@code startNanos} to {@code toRate} over {@code rampDuration}. */
    public static RateSchedule ramping(double fromRate, double toRate, Duration rampDuration, long startNanos) {
        return new RateSchedule(new Ramp(startNanos, requireRate(fromRate), startNanos + nanos(rampDuration),
                requireRate(toRate)));
    }

    public static RateSchedule steady(double rate, long startNanos) {
        return ramping(rate, rate, Duration.ZERO, startNanos);
    }

    /** Ramps linearly from the rate at {@code nowNanos} to {@code target}; a zero duration jumps. */
    public synchronized void setRate(double target, Duration rampDuration, long nowNanos) {
        requireRate(target);
        ramp = new Ramp(nowNanos, rateAt(nowNanos), nowNanos + nanos(rampDuration), target);
    }

    /** Requests per second at a moment. */
    public double rateAt(long nanos) {
        return ramp.rateAt(nanos);
    }

    /** The rate the schedule is heading to. */
    public double targetRate() {
        return ramp.toRate;
    }

    /**
     * How long after {@code fromNanos} the next request is due: the time over which the rate adds up to exactly one
     * request, so a ramp from zero starts slowly but on time instead of waiting forever at rate 0.
     *
     * @return nanoseconds, or {@link Long#MAX_VALUE} when the rate is and stays 0
     */
    public long nanosToNextRequest(long fromNanos) {
        Ramp current = ramp;
        double seconds = current.secondsUntilOneRequest(fromNanos);
        return Double.isFinite(seconds) ? Math.max(1, Math.round(seconds * SECOND_NANOS)) : Long.MAX_VALUE;
    }

    static double requireRate(double rate) {
        // Written as "not inside" so that NaN is refused too.
        if (!(rate >= 0 && rate <= MAX_RATE)) {
            throw new LoadSettingsException("rate " + rate + " requests/s is out of range; use 0 to "
                    + (long) MAX_RATE);
        }
        return rate;
    }

    private static long nanos(Duration rampDuration) {
        if (rampDuration == null || rampDuration.isNegative()) {
            throw new LoadSettingsException("a ramp must last 0 seconds or more, not " + rampDuration);
        }
        return rampDuration.toNanos();
    }

    private record Ramp(long startNanos, double fromRate, long endNanos, double toRate) {

        double rateAt(long nanos) {
            if (nanos >= endNanos) {
                return toRate;
            }
            if (nanos <= startNanos) {
                return fromRate;
            }
            return fromRate + slope() * ((nanos - startNanos) / SECOND_NANOS);
        }

        /** Requests per second per second. */
        double slope() {
            return (toRate - fromRate) / ((endNanos - startNanos) / SECOND_NANOS);
        }

        /**
         * Walks the three pieces of the schedule (steady before the ramp, the ramp, steady after it) until the rate
         * has added up to one request. Before the ramp means a start that was overdue when the rate changed; it
         * keeps the rate of that moment.
         */
        double secondsUntilOneRequest(long fromNanos) {
            double needed = 1;
            double seconds = 0;
            long at = fromNanos;
            if (at < startNanos) {
                double length = (startNanos - at) / SECOND_NANOS;
                if (fromRate * length >= needed) {
                    return needed / fromRate;
                }
                needed -= fromRate * length;
                seconds += length;
                at = startNanos;
            }
            if (at < endNanos) {
                double rate = rateAt(at);
                double length = (endNanos - at) / SECOND_NANOS;
                double area = (rate + toRate) / 2 * length;
                if (area >= needed) {
                    // Solves rate*d + slope*d^2/2 = needed, in the form that neither cancels nor divides by a
                    // zero slope.
                    return seconds + 2 * needed / (rate + Math.sqrt(rate * rate + 2 * slope() * needed));
                }
                needed -= area;
                seconds += length;
            }
            return seconds + needed / toRate;
        }
    }
}
