package io.shopscale.console.window.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.window.stack.ReplicaState;

class TopologyLayoutTest {

    private static StackStatus.Replica infrastructure(String role) {
        return new StackStatus.Replica("shop-" + role, role, role, 1, "running", true, "");
    }

    private static StackStatus.Replica app(String service, int replica, String state, boolean ready) {
        return new StackStatus.Replica("shop-" + service + "-" + replica, "app", service, replica, state, ready, "");
    }

    private static StackStatus stack(String mode, StackStatus.Replica... containers) {
        return new StackStatus("shop", mode, "http://127.0.0.1:8080/", List.of(containers));
    }

    private static TopologyBox box(TopologyLayout layout, String container) {
        return layout.boxes().stream().filter(box -> box.container().equals(container)).findFirst().orElseThrow();
    }

    @Test
    void theMonolithRunsFromNginxThroughItsReplicasAndHaproxyToPostgres() {
        StackStatus status = stack("monolith", app("monolith", 1, "running", true), app("monolith", 2, "exited", false),
                infrastructure("haproxy"), infrastructure("nginx"), infrastructure("postgres"));

        TopologyLayout layout = TopologyLayout.of(status, Map.of(), Map.of());

        assertThat(layout.boxes()).extracting(TopologyBox::container, TopologyBox::state).containsExactlyInAnyOrder(
                tuple("shop-nginx", ReplicaState.READY), tuple("shop-monolith-1", ReplicaState.READY),
                tuple("shop-monolith-2", ReplicaState.STOPPED), tuple("shop-haproxy", ReplicaState.READY),
                tuple("shop-postgres", ReplicaState.READY));
        assertThat(box(layout, "shop-nginx").x()).isLessThan(box(layout, "shop-monolith-1").x());
        assertThat(box(layout, "shop-monolith-1").x()).isEqualTo(box(layout, "shop-monolith-2").x())
                .isLessThan(box(layout, "shop-haproxy").x());
        assertThat(box(layout, "shop-haproxy").x()).isLessThan(box(layout, "shop-postgres").x());
        assertThat(box(layout, "shop-monolith-2").y()).isGreaterThan(box(layout, "shop-monolith-1").y());
        assertThat(layout.edges()).extracting(TopologyEdge::from, TopologyEdge::to).containsExactly(
                tuple("shop-nginx", "shop-monolith-1"), tuple("shop-nginx", "shop-monolith-2"),
                tuple("shop-monolith-1", "shop-haproxy"), tuple("shop-monolith-2", "shop-haproxy"),
                tuple("shop-haproxy", "shop-postgres"));
        assertThat(layout.pools()).extracting(TopologyPool::service).containsExactly("monolith");
        assertThat(layout.width()).isEqualTo(box(layout, "shop-postgres").x() + TopologyLayout.BOX_WIDTH
                + TopologyLayout.MARGIN);
    }

    @Test
    void edgesFromNginxAreAsWideAsEachReplicasShareOfTheTraffic() {
        StackStatus status = stack("monolith", app("monolith", 1, "running", true),
                app("monolith", 2, "running", true), app("monolith", 3, "running", true), infrastructure("nginx"));

        TopologyLayout layout = TopologyLayout.of(status, Map.of(), Map.of(
                "shop-monolith-1", new ReplicaShare(75, 0.75), "shop-monolith-2", new ReplicaShare(25, 0.25)));

        assertThat(layout.edges()).extracting(TopologyEdge::to, TopologyEdge::strokeWidth, TopologyEdge::label)
                .containsExactly(tuple("shop-monolith-1", 9.375, "75%"), tuple("shop-monolith-2", 4.125, "25%"),
                        tuple("shop-monolith-3", TopologyLayout.THIN, ""));
        TopologyEdge first = layout.edges().get(0);
        TopologyBox nginx = box(layout, "shop-nginx");
        TopologyBox replica = box(layout, "shop-monolith-1");
        assertThat(first.startX()).isEqualTo(nginx.x() + nginx.width());
        assertThat(first.startY()).isEqualTo(nginx.centerY());
        assertThat(first.endX()).isEqualTo(replica.x());
        assertThat(first.endY()).isEqualTo(replica.centerY());
    }

    @Test
    void servicesModeHasOnePoolPerServiceWhateverServicesRun() {
        StackStatus status = stack("services", app("catalog", 1, "running", true), app("catalog", 2, "running", false),
                app("orders", 1, "running", true), infrastructure("nginx"), infrastructure("postgres"));

        TopologyLayout layout = TopologyLayout.of(status, Map.of(), Map.of());

        assertThat(layout.pools()).extracting(TopologyPool::service).containsExactly("catalog", "orders");
        TopologyPool catalog = layout.pools().get(0);
        TopologyPool orders = layout.pools().get(1);
        TopologyBox catalog2 = box(layout, "shop-catalog-2");
        assertThat(catalog2.state()).isEqualTo(ReplicaState.STARTING);
        assertThat(catalog2.y() + catalog2.height()).isLessThanOrEqualTo(catalog.y() + catalog.height());
        assertThat(orders.y()).isGreaterThan(catalog.y() + catalog.height());
        assertThat(layout.edges()).extracting(TopologyEdge::from, TopologyEdge::to).containsExactly(
                tuple("shop-nginx", "shop-catalog-1"), tuple("shop-nginx", "shop-catalog-2"),
                tuple("shop-nginx", "shop-orders-1"), tuple("shop-catalog-1", "shop-postgres"),
                tuple("shop-catalog-2", "shop-postgres"), tuple("shop-orders-1", "shop-postgres"));
    }

    @Test
    void aReplicaIsColouredAsItsChipWhenTheCardKnowsMore() {
        StackStatus status = stack("monolith", app("monolith", 1, "running", false), infrastructure("nginx"));

        TopologyLayout layout = TopologyLayout.of(status, Map.of("shop-monolith-1", ReplicaState.UNHEALTHY), Map.of());

        assertThat(box(layout, "shop-monolith-1").state()).isEqualTo(ReplicaState.UNHEALTHY);
    }

    @Test
    void noStackDrawsNothing() {
        assertThat(TopologyLayout.of(null, Map.of(), Map.of())).isEqualTo(TopologyLayout.EMPTY);
        assertThat(TopologyLayout.of(stack(""), Map.of(), Map.of())).isEqualTo(TopologyLayout.EMPTY);
    }
}
