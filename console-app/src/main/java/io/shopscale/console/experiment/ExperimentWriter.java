package io.shopscale.console.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shopscale.console.export.YamlText;

/**
 * Writes an {@link Experiment} as an experiment file that {@link ExperimentParser} reads back to the same experiment
 * (the format of {@code experiments/README.md}): what a saved window session becomes.
 */
public final class ExperimentWriter {

    private ExperimentWriter() {
    }

    public static String yaml(Experiment experiment) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", experiment.name());
        if (!experiment.description().isEmpty()) {
            file.put("description", experiment.description());
        }
        file.put("duration", Durations.format(experiment.duration()));
        experiment.steadyState().ifPresent(steady -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("for", Durations.format(steady.length()));
            map.put("rate", number(steady.rate()));
            map.putAll(checks(steady.checks()));
            file.put("steady-state", map);
        });
        if (!experiment.abort().equals(AbortRule.DEFAULT)) {
            file.put("abort", YamlText.map("max-error-rate", experiment.abort().maxErrorRate(),
                    "for", Durations.format(experiment.abort().over())));
        }
        file.put("timeline", experiment.timeline().stream().map(step -> step(step, true)).toList());
        if (!experiment.assertions().isEmpty()) {
            List<Object> assertions = new ArrayList<>();
            for (Assertion assertion : experiment.assertions()) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("name", assertion.name());
                map.put("step", assertion.step());
                if (!assertion.skip().isZero()) {
                    map.put("skip", Durations.format(assertion.skip()));
                }
                if (assertion.length() != null) {
                    map.put("for", Durations.format(assertion.length()));
                }
                map.putAll(checks(assertion.checks()));
                assertions.add(map);
            }
            file.put("assertions", assertions);
        }
        if (!experiment.cleanup().isEmpty()) {
            file.put("cleanup", experiment.cleanup().stream().map(step -> step(step, false)).toList());
        }
        return YamlText.document(file);
    }

    private static Map<String, Object> step(Step step, boolean timed) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (timed) {
            map.put("at", Durations.format(step.at()));
            map.put("name", step.name());
        }
        if (step instanceof Step.Load load) {
            map.put("load", YamlText.map("rate", number(load.rate()),
                    "ramp", load.ramp().isZero() ? null : Durations.format(load.ramp()),
                    "mix", load.mix() == null ? null : load.mix().toText()));
        } else if (step instanceof Step.Scale scale) {
            map.put("scale", new LinkedHashMap<>(scale.replicas()));
        } else if (step instanceof Step.SwitchMode mode) {
            map.put("mode", YamlText.map("to", mode.mode().label(), "replicas", mode.replicas()));
        } else if (step instanceof Step.Kill kill) {
            map.put("kill", kill.replica() == 0 ? kill.service()
                    : YamlText.map("service", kill.service(), "replica", kill.replica()));
        } else if (step instanceof Step.Heal) {
            map.put("heal", true);
        } else if (step instanceof Step.Mark mark) {
            map.put("mark", mark.text());
        } else if (step instanceof Step.SwitchFault fault) {
            map.put("fault", fault.change().toText());
        } else {
            // A new kind of step needs its YAML here, the reverse of its branch in ExperimentParser.
            throw new IllegalArgumentException("no YAML for the step " + step.describe());
        }
        return map;
    }

    private static Map<String, Object> checks(List<Check> checks) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Check check : checks) {
            Object limit = check.metric().isLatency()
                    ? Durations.format(Duration.ofNanos(Math.round(check.limit() * 1_000_000)))
                    : number(check.limit());
            map.put(check.metric().key(), limit);
        }
        return map;
    }

    private static Object number(double value) {
        return value == Math.rint(value) ? (Object) (long) value : (Object) value;
    }
}
