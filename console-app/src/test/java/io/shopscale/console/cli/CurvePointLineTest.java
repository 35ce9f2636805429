package io.shopscale.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.shopscale.console.experiment.ScalingCurve;

class CurvePointLineTest {

    @Test
    void aPointSaysItsRateItsRatioToOneReplicaAndTheHostsCpu() {
        assertThat(ExperimentCommand.Curve.pointLine(new ScalingCurve.Point(3, 102, 612.4, 0.786), 36))
                .isEqualTo("3 replicas: 102/s held, p99 612 ms, 2.83x 1 replica, host CPU 79%");
    }

    @Test
    void aCountThatHeldNothingOrACurveWithoutOneReplicaHasNoRatio() {
        assertThat(ExperimentCommand.Curve.pointLine(new ScalingCurve.Point(2, 0, Double.NaN, Double.NaN), 0))
                .isEqualTo("2 replicas: 0/s held, host CPU unknown");
    }
}
