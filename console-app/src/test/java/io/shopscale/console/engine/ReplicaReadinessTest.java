package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.Readiness;

class ReplicaReadinessTest {

    private static final Optional<Map<String, List<Integer>>> ROUTED_1 = Optional.of(Map.of("monolith", List.of(1)));
    private static final Optional<Map<String, List<Integer>>> ROUTED_NONE = Optional.of(Map.of());

    @Test
    void aReplicaThatAnswersIsReadyWhateverDockerStillSays() {
        assertThat(ReplicaReadiness.of(replica(Readiness.STARTING), true, ROUTED_NONE)).isEqualTo(Readiness.READY);
        assertThat(ReplicaReadiness.of(replica(Readiness.FAILING), true, ROUTED_1)).isEqualTo(Readiness.READY);
    }

    @Test
    void aNewReplicaThatDoesNotAnswerYetIsStarting() {
        assertThat(ReplicaReadiness.of(replica(Readiness.STARTING), false, ROUTED_NONE))
                .isEqualTo(Readiness.STARTING);
        assertThat(ReplicaReadiness.of(replica(Readiness.STARTING), false, Optional.empty()))
                .isEqualTo(Readiness.STARTING);
    }

    @Test
    void aReplicaThatHadBeenReadyAndStoppedAnsweringIsFailing() {
        assertThat(ReplicaReadiness.of(replica(Readiness.READY), false, ROUTED_NONE)).isEqualTo(Readiness.FAILING);
        assertThat(ReplicaReadiness.of(replica(Readiness.FAILING), false, ROUTED_NONE)).isEqualTo(Readiness.FAILING);
        assertThat(ReplicaReadiness.of(replica(Readiness.STARTING), false, ROUTED_1))
                .as("frozen right after it joined, before Docker's health check ever passed")
                .isEqualTo(Readiness.FAILING);
    }

    private static ObservedContainer replica(Readiness docker) {
        return new ObservedContainer("id", "shop-monolith-1", "monolith", 1, Labels.ROLE_APP, "cfg",
                ContainerState.RUNNING, docker);
    }
}
