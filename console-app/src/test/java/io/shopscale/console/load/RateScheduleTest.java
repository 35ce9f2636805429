package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5 * SECOND;

    @Test
    void aSteadyRateSpacesRequestsEvenly() {
        RateSchedule schedule = RateSchedule.steady(200, START);

        assertThat(schedule.nanosToNextRequest(START)).isEqualTo(5_000_000);
        assertThat(schedule.nanosToNextRequest(START + 77 * SECOND)).isEqualTo(5_000_000);
    }

    @Test
    void aRampFromZeroStartsOnTimeAndAddsUpToTheAreaUnderIt() {
        RateSchedule schedule = RateSchedule.ramping(0, 100, Duration.ofSeconds(10), START);

        // 0 -> 100 req/s over 10 s is 500 requests, then 100 per second.
        assertThat(countStarts(schedule, START, START + 10 * SECOND)).isBetween(499, 501);
        assertThat(countStarts(schedule, START + 10 * SECOND, START + 12 * SECOND)).isBetween(199, 201);
        assertThat(schedule.rateAt(START + 5 * SECOND)).isCloseTo(50, within(1e-9));
    }

    @Test
    void changingTheRateRampsFromWhereverTheRateIsNow() {
        RateSchedule schedule = RateSchedule.ramping(0, 100, Duration.ofSeconds(10), START);

        schedule.setRate(20, Duration.ofSeconds(2), START + 5 * SECOND);

        assertThat(schedule.rateAt(START + 5 * SECOND)).isCloseTo(50, within(1e-9));
        assertThat(schedule.rateAt(START + 6 * SECOND)).isCloseTo(35, within(1e-9));
        assertThat(schedule.rateAt(START + 7 * SECOND)).isCloseTo(20, within(1e-9));
        assertThat(schedule.rateAt(START + 60 * SECOND)).isCloseTo(20, within(1e-9));
        assertThat(schedule.targetRate()).isEqualTo(20);
    }

    @Test
    void aZeroRampJumps() {
        RateSchedule schedule = RateSchedule.steady(10, START);

        schedule.setRate(1000, Duration.ZERO, START + SECOND);

        assertThat(schedule.nanosToNextRequest(START + SECOND)).isEqualTo(1_000_000);
    }

    @Test
    void aRateOfZeroSendsNothingUntilRaised() {
        RateSchedule schedule = RateSchedule.steady(0, START);

        assertThat(schedule.nanosToNextRequest(START)).isEqualTo(Long.MAX_VALUE);

        schedule.setRate(10, Duration.ZERO, START + SECOND);

        assertThat(schedule.nanosToNextRequest(START + SECOND)).isEqualTo(100_000_000);
    }

    @Test
    void aRampDownToZeroStopsWhenTheAreaRunsOut() {
        RateSchedule schedule = RateSchedule.ramping(10, 0, Duration.ofSeconds(2), START);

        assertThat(countStarts(schedule, START, START + 60 * SECOND)).isBetween(9, 11);
    }

    @Test
    void refusesRatesNobodyMeant() {
        assertThatThrownBy(() -> RateSchedule.steady(-1, START)).isInstanceOf(LoadSettingsException.class)
                .hasMessage("rate -1.0 requests/s is out of range; use 0 to 100000");
        assertThatThrownBy(() -> RateSchedule.steady(Double.NaN, START)).isInstanceOf(LoadSettingsException.class);
        assertThatThrownBy(() -> RateSchedule.steady(3_000_000, START)).isInstanceOf(LoadSettingsException.class);
        assertThatThrownBy(() -> RateSchedule.ramping(0, 1, Duration.ofSeconds(-1), START))
                .isInstanceOf(LoadSettingsException.class);
    }

    private static int countStarts(RateSchedule schedule, long from, long to) {
        List<Long> starts = new ArrayList<>();
        Arrivals arrivals = new Arrivals(schedule, from, to);
        for (long now = from; now <= to; now += 1_000_000L) {
            arrivals.startDue(now, starts::add);
        }
        return starts.size();
    }
}
