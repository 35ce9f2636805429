package io.shopscale.console.window.diagram;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;
import io.shopscale.console.window.stack.ReplicaState;
import io.shopscale.console.window.stack.StackViewModel;

class TopologyViewModelTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 60);
    private final StackViewModel stack = new StackViewModel(engine, Background.sameThread(), hub,
            StackName.of("window"), 18490);
    private final TopologyViewModel topology = new TopologyViewModel(stack, hub, Background.sameThread());

    private TopologyBox box(String container) {
        return topology.layoutProperty().get().boxes().stream()
                .filter(box -> box.container().equals(container)).findFirst().orElseThrow();
    }

    private TopologyEdge edgeTo(String container) {
        return topology.layoutProperty().get().edges().stream()
                .filter(edge -> edge.from().equals("window-nginx") && edge.to().equals(container))
                .findFirst().orElseThrow();
    }

    private void serve(String replica, int requests) {
        for (int request = 0; request < requests; request++) {
            hub.recordRequest(new CompletedRequest("catalog", replica, TimeUnit.MILLISECONDS.toNanos(5), null));
        }
    }

    @Test
    void eachStatusReadRedrawsTheStackWithTheChipsStates() {
        assertThat(topology.layoutProperty().get()).isEqualTo(TopologyLayout.EMPTY);
        stack.start();
        assertThat(box("window-monolith-1").state()).isEqualTo(ReplicaState.READY);

        stack.kill("window-monolith-1");

        assertThat(box("window-monolith-1").state()).isEqualTo(ReplicaState.STOPPED);
        stack.stop();
        assertThat(topology.layoutProperty().get()).isEqualTo(TopologyLayout.EMPTY);
    }

    @Test
    void eachPublishedSecondWidensTheEdgesToTheReplicasThatServedIt() {
        stack.start();
        stack.scale("monolith", 2);
        assertThat(edgeTo("window-monolith-1").strokeWidth()).isEqualTo(TopologyLayout.THIN);

        serve("window-monolith-1", 3);
        serve("window-monolith-2", 1);
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(edgeTo("window-monolith-1").label()).isEqualTo("75%");
        assertThat(edgeTo("window-monolith-1").strokeWidth()).isGreaterThan(edgeTo("window-monolith-2").strokeWidth());
        assertThat(edgeTo("window-monolith-2").strokeWidth()).isGreaterThan(TopologyLayout.THIN);
    }

    @Test
    void whileHiddenNothingIsLaidOutAndShowingLaysOutWhatHappenedMeanwhile() {
        topology.shownProperty().set(false);
        stack.start();
        serve("window-monolith-1", 2);
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();
        assertThat(topology.layoutProperty().get()).isEqualTo(TopologyLayout.EMPTY);

        topology.shownProperty().set(true);

        assertThat(box("window-monolith-1").state()).isEqualTo(ReplicaState.READY);
        assertThat(edgeTo("window-monolith-1").label()).isEqualTo("100%");
    }

    @Test
    void afterCloseSamplesNoLongerRedraw() {
        stack.start();
        TopologyLayout before = topology.layoutProperty().get();

        topology.close();
        serve("window-monolith-1", 2);
        time.advanceMillis(1000);
        hub.publishFinishedSeconds();

        assertThat(topology.layoutProperty().get()).isSameAs(before);
    }
}
