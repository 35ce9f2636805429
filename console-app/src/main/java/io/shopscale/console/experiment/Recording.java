package io.shopscale.console.experiment;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run produced, for the report.
 *
 * @param timelineStart the second (since the run started) at which the timeline started
 * @param outcomeText   why the run ended as it did, for people
 */
public record Recording(Experiment experiment, Instant startedAt, long timelineStart, List<Second> seconds,
                        List<RunEvent> events, List<Verdict> verdicts, Outcome outcome, String outcomeText) {

    public Recording {
        seconds = List.copyOf(seconds);
        events = List.copyOf(events);
        verdicts = List.copyOf(verdicts);
    }

    /** Completed with every verdict passed. */
    public boolean passed() {
        return outcome == Outcome.COMPLETED && verdicts.stream().allMatch(Verdict::passed);
    }
}
