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
    void aLateCallerGetsEveryMissedStartWithItsOriginalTime() {
        Arrivals arrivals = new Arrivals(RateSchedule.steady(100, START), START, Long.MAX_VALUE);
        List<Long> starts = new ArrayList<>();

        arrivals.startDue(START, starts::add);
        // The generator's thread was descheduled for half a second.
        arrivals.startDue(START + 500 * MILLI, starts::add);

        assertThat(starts).hasSize(51);
        assertThat(starts.get(25)).isEqualTo(START + 250 * MILLI);
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
    void nothingStartsAtOrAfterTheEnd() {
        Arrivals arrivals = new Arrivals(RateSchedule.steady(10, START), START, START + 1000 * MILLI);
        List<Long> starts = new ArrayList<>();

        arrivals.startDue(START + 5000 * MILLI, starts::add);

        assertThat(starts).hasSize(10);
        assertThat(arrivals.isOver(START + 1000 * MILLI)).isTrue();
    }
}
