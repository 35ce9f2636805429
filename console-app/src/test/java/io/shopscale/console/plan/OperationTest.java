package io.shopscale.console.plan;

import static io.shopscale.console.plan.ObservedStacks.SHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopscale.console.plan.Operation.CreateNetwork;
import io.shopscale.console.plan.Operation.CreateVolume;
import io.shopscale.console.plan.Operation.StopContainer;
import io.shopscale.console.plan.Operation.UpdateUpstreams;
import io.shopscale.console.plan.Operation.WaitDrain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationTest {

    private static final ContainerRef ORDERS_3 = ContainerRef.app(SHOP, "orders", 3);

    @Test
    void resourceIdsNameTheKindOfResource() {
        assertThat(new CreateNetwork("shop", "missing").resourceId()).isEqualTo("network:shop");
        assertThat(new CreateVolume("shop-pgdata", "missing").resourceId()).isEqualTo("volume:shop-pgdata");
        assertThat(ORDERS_3.resourceId()).isEqualTo("service:orders:3");
        assertThat(ORDERS_3.name()).isEqualTo("shop-orders-3");
        assertThat(ContainerRef.infrastructure(SHOP, Labels.ROLE_NGINX).resourceId()).isEqualTo("nginx");
        assertThat(new WaitDrain(Duration.ofMillis(1500), "scale down").summary())
                .isEqualTo("drain nginx 1500ms (scale down)");
    }

    @Test
    void aFailedStepIsReportedWithItsSummary() {
        StopContainer stop = new StopContainer(ORDERS_3, Planner.STOP_TIMEOUT, "scale down");

        PlanFailedException failure = new PlanFailedException(stop, "no such container", null);

        assertThat(failure).hasMessage("stop service:orders:3 timeout 30s (scale down) failed: no such container");
        assertThat(failure.failedStep()).isEqualTo(stop);
    }

    @Test
    void upstreamsAreCopiedSoAPlanCannotChangeAfterItWasMade() {
        List<Integer> replicas = new ArrayList<>(List.of(1, 2));
        Map<String, List<Integer>> upstreams = new LinkedHashMap<>(Map.of("orders", replicas));
        UpdateUpstreams update = new UpdateUpstreams(upstreams, "scale up");

        replicas.add(3);
        upstreams.put("payments", List.of(1));

        assertThat(update.detail()).isEqualTo("orders=[1,2]");
    }

    @Test
    void everyStepNeedsACause() {
        assertThatThrownBy(() -> new CreateNetwork("shop", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
