package io.shopscale.console.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, valid experiment file: a timeline of steps lasting {@code duration}, assertions over windows tied to the
 * steps, an optional steady-state check before and after, an abort rule, and clean-up steps that always run.
 *
 * @param source the file's text, kept for the report
 */
public record Experiment(String name, String description, Duration duration, List<Step> timeline,
                         List<Assertion> assertions, Optional<SteadyState> steadyState, AbortRule abort,
                         List<Step> cleanup, String source) {

    public Experiment {
        timeline = List.copyOf(timeline);
        assertions = List.copyOf(assertions);
        cleanup = List.copyOf(cleanup);
    }

    public Optional<Step> step(String stepName) {
        return timeline.stream().filter(step -> step.name().equals(stepName)).findFirst();
    }

    /** The steady-state check's length, or zero without one. */
    public Duration steadyLength() {
        return steadyState.map(SteadyState::length).orElse(Duration.ZERO);
    }

    /**
     * The assertion's window on the timeline, in whole seconds from the timeline's start.
     *
     * @throws IllegalArgumentException when the assertion names no step of this experiment
     */
    public Window window(Assertion assertion) {
        Step step = step(assertion.step()).orElseThrow(() -> new IllegalArgumentException(
                "no step named " + assertion.step()));
        Duration start = step.at().plus(assertion.skip());
        Duration end;
        if (assertion.length() != null) {
            end = start.plus(assertion.length());
        } else {
            end = timeline.stream().map(Step::at).filter(at -> at.compareTo(step.at()) > 0).min(Duration::compareTo)
                    .orElse(duration);
        }
        return new Window(Durations.wholeSeconds(start), Durations.wholeSeconds(end));
    }
}
