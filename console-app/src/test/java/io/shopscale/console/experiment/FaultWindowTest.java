package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultWindowTest {

    private static final String FILE = """
            name: faults
            duration: 60s
            timeline:
              - at: 0s
                load: {rate: 10}
              - at: 5s
                fault: latency payments 800ms
              - at: 10s
                fault: failure payments 50%
              - at: 20s
                fault: latency payments 1500ms
              - at: 25s
                fault: down monolith:1
              - at: 30s
                fault: clear failure payments
              - at: 40s
                fault: timeout database
              - at: 50s
                fault: clear all
            """;

    @Test
    void aFaultIsShadedFromItsStepUntilItIsClearedOrSwitchedAgain() {
        Experiment experiment = ExperimentParser.parse(FILE);

        assertThat(FaultWindow.of(experiment, 10, 75)).containsExactly(
                new FaultWindow("latency payments 800ms", 15, 30),
                new FaultWindow("failure payments 50%", 20, 40),
                new FaultWindow("latency payments 1500ms", 30, 60),
                new FaultWindow("timeout database", 50, 60));
    }

    @Test
    void aFaultStillInForceEndsWithTheRunAndStepsAfterAnEarlyEndAreEmpty() {
        Experiment experiment = ExperimentParser.parse(FILE);

        assertThat(FaultWindow.of(experiment, 10, 28)).containsExactly(
                new FaultWindow("latency payments 800ms", 15, 28),
                new FaultWindow("failure payments 50%", 20, 28));
    }
}
