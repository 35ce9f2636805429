package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.Mode;

class ExperimentParserTest {

    static final String VALID = """
            name: rescue
            duration: 90s
            steady-state: {for: 5s, rate: 10, max-error-rate: 1%}
            abort: {max-error-rate: 20%, for: 5s}
            timeline:
              - at: 0s
                load: {rate: 40, ramp: 5s, mix: "browse=50,order=50"}
              - at: 30s
                name: scaled
                scale: {monolith: 3}
              - at: 50s
                kill: {service: monolith, replica: 2}
              - at: 60s
                heal: true
              - at: 70s
                mode: {to: services, replicas: 2}
              - at: 80s
                mark: done
            assertions:
              - step: scaled
                skip: 5s
                max-p99: 250ms
                min-rate: 38
            cleanup:
              - scale: {monolith: 1}
            """;

    @Test
    void readsEveryKindOfStepAndTheWindowsOfAssertions() {
        Experiment experiment = ExperimentParser.parse(VALID);

        assertThat(experiment.timeline()).extracting(Step::describe).containsExactly(
                "load 40/s over 5s mix browse=50,order=50", "scale monolith=3", "kill monolith replica 2", "heal",
                "switch to services mode", "mark: done");
        assertThat(experiment.timeline().get(4)).isEqualTo(new Step.SwitchMode(Duration.ofSeconds(70), "step-5",
                Mode.SERVICES, 2));
        Assertion assertion = experiment.assertions().get(0);
        assertThat(assertion.checks()).extracting(Check::toText).containsExactly("p99 <= 250ms", "rate >= 38.0/s");
        // From 5 s after the step until the next step.
        assertThat(experiment.window(assertion)).isEqualTo(new Window(35, 50));
        assertThat(experiment.steadyState()).hasValueSatisfying(steady -> assertThat(steady.rate()).isEqualTo(10));
        assertThat(experiment.abort()).isEqualTo(new AbortRule(0.2, Duration.ofSeconds(5)));
        assertThat(experiment.cleanup()).extracting(Step::describe).containsExactly("scale monolith=1");
    }

    @Test
    void reportsEveryProblemWithItsLineAndColumn() {
        String file = """
                duration: 1m
                timeline:
                  - at: 0s
                    load: {rate: 40}
                  - at: 10 seconds
                    scale: {monolith: 2}
                  - at: 20s
                    scael: {monolith: 3}
                assertions:
                  - step: sclaed
                    max-p99: 300ms
                """;

        List<Problem> problems = ExperimentParser.validate(file);

        assertThat(problems).extracting(problem -> problem.toText("x.yaml")).containsExactly(
                "x.yaml:5:9: bad duration \"10 seconds\"; write a number with a unit: 500ms, 30s, 2m, 1m30s",
                "x.yaml:8:5: unknown step \"scael\"; steps are fault, heal, kill, load, mark, mode, scale",
                "x.yaml:10:11: no step is named \"sclaed\"; steps: step-1, step-2, step-3");
    }

    @Test
    void anAssertionOnAStepThatDoesNotExistIsReportedAtItsStepKey() {
        String file = """
                duration: 1m
                timeline:
                  - at: 0s
                    load: {rate: 40}
                assertions:
                  - step: three
                    max-p99: 300ms
                """;

        assertThat(ExperimentParser.validate(file)).containsExactly(
                new Problem(new Position(6, 11), "no step is named \"three\"; steps: step-1"));
    }

    @Test
    void faultStepsSwitchFaultsOnAndOffAndCleanUpCanClearThemAll() {
        String file = """
                duration: 1m
                timeline:
                  - at: 5s
                    name: slow payments
                    fault: latency payments 800ms
                  - at: 20s
                    fault: timeout monolith:2
                  - at: 40s
                    fault: clear latency payments
                cleanup:
                  - fault: clear all
                """;

        Experiment experiment = ExperimentParser.parse(file);

        assertThat(experiment.timeline()).extracting(Step::name, Step::describe).containsExactly(
                org.assertj.core.groups.Tuple.tuple("slow payments", "fault latency payments 800ms"),
                org.assertj.core.groups.Tuple.tuple("step-2", "fault timeout monolith:2"),
                org.assertj.core.groups.Tuple.tuple("step-3", "fault clear latency payments"));
        assertThat(experiment.cleanup()).extracting(Step::describe).containsExactly("fault clear all");
    }

    @Test
    void aBadFaultIsReportedAtItsValueWithWhatIsAllowed() {
        String file = """
                duration: 1m
                timeline:
                  - at: 5s
                    fault: latency payments 20 seconds
                  - at: 10s
                    fault: timeout monolith-2
                  - at: 15s
                    fault: {payments-latency: 500ms}
                  - at: 20s
                    fault: jitter payments 5ms
                """;

        assertThat(ExperimentParser.validate(file)).extracting(problem -> problem.toText("x.yaml")).containsExactly(
                "x.yaml:4:12: \"latency payments 20 seconds\" has words too many; write it as latency payments 800ms",
                "x.yaml:6:12: unknown target \"monolith-2\"; name a replica as service:number (monolith:2, "
                        + "payments:1) or say database",
                "x.yaml:8:12: a fault step is one line, such as fault: latency payments 800ms, fault: clear latency "
                        + "payments or fault: clear all",
                "x.yaml:10:12: unknown fault \"jitter\"; " + io.shopscale.console.fault.Fault.usage());
    }

    @Test
    void stepsOutOfOrderOrPastTheEndAndWindowsPastTheEndAreReported() {
        String file = """
                duration: 30s
                timeline:
                  - at: 20s
                    name: late
                    load: {rate: 10}
                  - at: 10s
                    mark: early
                  - at: 40s
                    mark: after the end
                assertions:
                  - {step: late, for: 20s, max-error-rate: 1%}
                """;

        assertThat(ExperimentParser.validate(file)).extracting(Problem::position, Problem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new Position(6, 9),
                        "steps must be in time order: this one is at 10s, after a step at 20s"),
                org.assertj.core.groups.Tuple.tuple(new Position(8, 9),
                        "the step at 40s is not before the end of the timeline (duration 30s)"));
    }

    @Test
    void aWindowPastTheEndIsReported() {
        String file = """
                duration: 30s
                timeline:
                  - {at: 20s, name: late, load: {rate: 10}}
                assertions:
                  - {step: late, for: 20s, max-error-rate: 1%}
                """;

        assertThat(ExperimentParser.validate(file)).extracting(Problem::message).containsExactly(
                "the window of \"assertion-1\" ends at 40s, after the timeline's end (30s)");
    }

    @Test
    void brokenYamlIsReportedAtItsPlace() {
        assertThat(ExperimentParser.validate("duration: 1m\ntimeline: [\n")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.position().line()).isEqualTo(3);
                    assertThat(problem.message()).startsWith("not valid YAML");
                });
        assertThatThrownBy(() -> ExperimentParser.parse("")).isInstanceOf(ExperimentFileException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void theLibraryExperimentsAreValid() throws IOException {
        try (var files = Files.list(Path.of("..", "experiments"))) {
            List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path file : yaml) {
                assertThat(ExperimentParser.validate(Files.readString(file))).as(file.toString()).isEmpty();
            }
        }
    }
}
