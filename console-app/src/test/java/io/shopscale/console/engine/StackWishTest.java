package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

class StackWishTest {

    private static final StackName SHOP = StackName.of("shop");

    private final StackWish wish = new StackWish(
            new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", 3), new Limits(0.5, 192), 8080),
            new ContainerSpecs.Images("pg:15", "haproxy:2.6", "nginx:1.22", Map.of("monolith", "shop-monolith:abc")));

    @Test
    void readsBackWhatItWrote() {
        assertThat(StackWish.fromLabels(SHOP, wish.labels())).contains(wish);
        assertThat(wish.labels()).containsEntry("io.shopscale.wish.replicas.monolith", "3")
                .containsEntry("io.shopscale.wish.image.app.monolith", "shop-monolith:abc");
    }

    @Test
    void scalingKeepsTheImagesAndLimits() {
        StackWish scaled = wish.withReplicas(Map.of("monolith", 1));

        assertThat(scaled.desired().replicasOf("monolith")).isEqualTo(1);
        assertThat(scaled.images()).isEqualTo(wish.images());
        assertThat(scaled.desired().limits()).isEqualTo(wish.desired().limits());
    }

    @Test
    void theEngineIsRecordedSoThatTheOtherCommandsNeedNoFlagAndAnOlderWishIsTheDockerEngines() {
        StackWish onSwarm = new StackWish(wish.desired(), wish.images(), EngineKind.SWARM);

        assertThat(onSwarm.labels()).containsEntry("io.shopscale.wish.engine", "swarm");
        assertThat(StackWish.fromLabels(SHOP, onSwarm.labels())).contains(onSwarm);
        assertThat(onSwarm.withReplicas(Map.of("monolith", 1)).engine()).isEqualTo(EngineKind.SWARM);
        Map<String, String> older = new HashMap<>(onSwarm.labels());
        older.remove("io.shopscale.wish.engine");
        assertThat(StackWish.fromLabels(SHOP, older)).hasValueSatisfying(read ->
                assertThat(read.engine()).isEqualTo(EngineKind.DOCKER));
    }

    @Test
    void theLimitOfRequestsInFlightIsKeptAndAnOlderWishGetsTheDefaultForItsCpuCap() {
        StackWish unlimited = new StackWish(new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", 1),
                new Limits(0.5, 192, 0), 8080), wish.images());

        assertThat(unlimited.labels()).containsEntry("io.shopscale.wish.replica-concurrency", "0");
        assertThat(StackWish.fromLabels(SHOP, unlimited.labels())).contains(unlimited);
        Map<String, String> older = new HashMap<>(unlimited.labels());
        older.remove("io.shopscale.wish.replica-concurrency");
        assertThat(StackWish.fromLabels(SHOP, older)).hasValueSatisfying(read ->
                assertThat(read.desired().limits().replicaConcurrency()).isEqualTo(32));
        assertThat(unlimited.settings().labels()).containsEntry("io.shopscale.replica-concurrency", "0");
    }

    @Test
    void labelsWithoutAWishOrWithAPartOfOneAreNoWish() {
        assertThat(StackWish.fromLabels(SHOP, Map.of("io.shopscale.stack", "shop"))).isEmpty();
        Map<String, String> partial = new HashMap<>(wish.labels());
        partial.remove("io.shopscale.wish.image.app.monolith");
        assertThat(StackWish.fromLabels(SHOP, partial)).isEmpty();
    }
}
