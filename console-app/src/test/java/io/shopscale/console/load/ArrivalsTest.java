package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ArrivalsTest {

    private static final long MILLI = 1_000_000L;
    private static final long START = 1_000 * MILLI;

    @Test
    void threeSecondsAt200PerSecondAreExactly600Starts() {
        Arrivals arrivals = new Arrivals(RateSchedule.steady(200, START), START, START + 3000 * MILLI);
        List<Long> starts = new ArrayList<>();

        for (long now = START; now <= START + 4000 * MILLI; now += MILLI) {
            arrivals.startDue(now, starts::add);
        }

        assertThat(starts).hasSize(600);
        assertThat(starts.get(0)).isEqualTo(START);
        assertThat(starts.get(599)).isEqualTo(START + 2995 * MILLI);
    }

    @Test
    void aCallerLateByLessThanTheBurstGetsEveryMissedStartAtOnce() {
        Arrivals arrivals = new Arrivals(RateSchedule.steady(100, START), START, Long.MAX_VALUE);
        List<Long> starts = new ArrayList<>();

        arrivals.startDue(START, starts::add);
        // The generator's thread was descheduled for 80 ms.
        arrivals.startDue(START + 80 * MILLI, starts::add);

        assertThat(starts).hasSize(9);
        assertThat(starts.get(8)).isEqualTo(START + 80 * MILLI);
    }

    @Test
    void theStartsMissedInALongPauseGoOutAtTwiceTheRateWithTheirOriginalTimes() {
        Arrivals arrivals = new Arrivals(RateSchedule.steady(100, START), START, Long.MAX_VALUE);
        List<Long> starts = new ArrayList<>();
        arrivals.startDue(START, starts::add);

        // The generator's process paused for 2 s (200 starts missed), then its thread turns every millisecond.
        long resumed = START + 2000 * MILLI;
        List<Integer> perTurn = new ArrayList<>();
        long caughtUp = -1;
        for (long now = resumed; now <= START + 5000 * MILLI; now += MILLI) {
            int before = starts.size();
            arrivals.startDue(now, starts::add);
            perTurn.add(starts.size() - before);
            if (caughtUp < 0 && arrivals.lateness(now) == 0 && arrivals.next() > now) {
                caughtUp = now;
            }
        }

        // Every start, in order, with the time it was meant for: the lateness counts as latency.
        assertThat(starts).hasSize(501);
        for (int i = 0; i < starts.size(); i++) {
            assertThat(starts.get(i)).isEqualTo(START + i * 10 * MILLI);
        }
        // At once only what 100 ms of lateness would have sent at twice the rate, then one start each 5 ms.
        assertThat(perTurn.get(0)).isEqualTo(21);
        assertThat(perTurn.subList(1, perTurn.size())).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(1));
        // 1.78 s behind after the first turn, then gaining 5 ms each 5 ms: caught up 1.78 s after the pause ended.
        assertThat(caughtUp).isBetween(resumed + 1775 * MILLI, resumed + 1785 * MILLI);
    }

    @Test
    void aRateChangeDoesNotRewriteOverdueStarts() {
        RateSchedule schedule = RateSchedule.steady(10, START);
        Arrivals arrivals = new Arrivals(schedule, START, Long.MAX_VALUE);
        List<Long> starts = new ArrayList<>();
        arrivals.startDue(START, starts::add);

        schedule.setRate(1000, Duration.ZERO, START + 300 * MILLI);
        arrivals.rescheduleFrom(START + 300 * MILLI);
        arrivals.startDue(START + 300 * MILLI, starts::add);

        // The start due at 100 ms and 200 ms keep their times; from 300 ms on the new rate applies.
        assertThat(starts.subList(0, 3)).containsExactly(START, START + 100 * MILLI, START + 200 * MILLI);
        assertThat(arrivals.next()).isEqualTo(START + 300 * MILLI + MILLI);
    }

    @Test
    void aFasterRateTakesEffectAtOnceRatherThanAfterTheOldInterval() {
        RateSchedule schedule = RateSchedule.steady(1, START);
        Arrivals arrivals = new Arrivals(schedule, START, Long.MAX_VALUE);
        arrivals.startDue(START, start -> { });

        schedule.setRate(100, Duration.ZERO, START + 10 * MILLI);
        arrivals.rescheduleFrom(START + 10 * MILLI);

        assertThat(arrivals.next()).isEqualTo(START + 20 * MILLI);
    }

    @Test
    void nothingStartsAtOrAfterTheEndAndTheRunIsOverOnceEveryEarlierStartHasGoneOut() {
        Arrivals arrivals = new Arrivals(RateSchedule.steady(10, START), START, START + 1000 * MILLI);
        List<Long> starts = new ArrayList<>();

        // The caller first turns 4 s after the end, late for all ten starts.
        long now = START + 5000 * MILLI;
        arrivals.startDue(now, starts::add);
        assertThat(arrivals.isOver(now)).isFalse();
        while (!arrivals.isOver(now)) {
            now += MILLI;
            arrivals.startDue(now, starts::add);
        }

        assertThat(starts).hasSize(10);
        assertThat(starts.get(9)).isEqualTo(START + 900 * MILLI);
    }
}
