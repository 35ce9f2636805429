package io.shopscale.console.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An assertion's (or a steady-state check's) result over its window.
 *
 * @param window seconds since the run started
 * @param stats  null when the run ended before the window did
 */
public record Verdict(String name, Window window, Status status, List<Result> results, WindowStats stats) {

    public enum Status { PASSED, FAILED, NOT_REACHED }

    /** One check's measured value. */
    public record Result(Check check, double measured, boolean passed) {
        public String toText() {
            return check.toText() + ": " + check.metric().format(measured) + (passed ? " ok" : " FAILED");
        }
    }

    public Verdict {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Judges {@code checks} over {@code window} of the recorded seconds. */
    public static Verdict judge(String name, Window window, List<Check> checks, List<Second> seconds) {
        long recordedUntil = seconds.isEmpty() ? 0 : seconds.get(seconds.size() - 1).index() + 1;
        if (recordedUntil < window.end()) {
            return new Verdict(name, window, Status.NOT_REACHED, List.of(), null);
        }
        WindowStats stats = WindowStats.of(seconds, window);
        // No request finished: nothing was shown to hold, and a latency of 0 ms would pass every limit.
        boolean measured = stats.requests() > 0;
        List<Result> results = checks.stream().map(check -> {
            double value = stats.measure(check.metric());
            return new Result(check, value, measured && check.passes(value));
        }).toList();
        return new Verdict(name, window, results.stream().allMatch(Result::passed) ? Status.PASSED : Status.FAILED,
                results, stats);
    }

    /** {@code FAILED  three replicas hold the load  [70s, 100s)  p99 <= 300ms: 412ms FAILED; ...}. */
    public String toText() {
        return String.format(Locale.ROOT, "%-11s %s  [%ds, %ds)  ", status.name().replace('_', ' '), name,
                window.start(), window.end())
                + (status == Status.NOT_REACHED ? "the run ended before this window did"
                : stats.requests() == 0 ? "no request finished in this window"
                : results.stream().map(Result::toText).collect(Collectors.joining("; ")));
    }
}
