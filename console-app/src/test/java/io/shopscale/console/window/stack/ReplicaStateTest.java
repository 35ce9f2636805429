package io.shopscale.console.window.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.shopscale.console.engine.StackStatus;

class ReplicaStateTest {

    @Test
    void aReadyReplicaInItsSlowStartIsWarmingAndReadyOnceItTakesItsFullShare() {
        assertThat(ReplicaState.of(replica("running", true, true))).isEqualTo(ReplicaState.WARMING);
        assertThat(ReplicaState.of(replica("running", true, false))).isEqualTo(ReplicaState.READY);
    }

    @Test
    void aReplicaThatIsNotReadyIsStartingOrStopped() {
        assertThat(ReplicaState.of(replica("running", false, false))).isEqualTo(ReplicaState.STARTING);
        assertThat(ReplicaState.of(replica("restarting", false, false))).isEqualTo(ReplicaState.STARTING);
        assertThat(ReplicaState.of(replica("exited", false, false))).isEqualTo(ReplicaState.STOPPED);
    }

    private static StackStatus.Replica replica(String state, boolean ready, boolean warming) {
        return new StackStatus.Replica("shop-monolith-2", "app", "monolith", 2, state, ready, "", ready, warming);
    }
}
