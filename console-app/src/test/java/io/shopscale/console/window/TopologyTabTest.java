package io.shopscale.console.window;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.shape.Line;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.window.diagram.TopologyEdge;
import io.shopscale.console.window.traffic.FakeLoadRunner;

/** The topology tab on Monocle: boxes coloured by state, and edges as wide as the layout says. */
@ExtendWith(ApplicationExtension.class)
class TopologyTabTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 60);
    private WindowUnderTest window;

    @Start
    void open(Stage stage) {
        window = new WindowUnderTest(engine, hub, new FakeLoadRunner(), url -> { });
        window.show(stage);
    }

    @Test
    void theStackIsDrawnWithAKilledReplicaGreyAndTheBusyReplicasEdgeWide(FxRobot robot) {
        robot.clickOn("#start");
        robot.interact(() -> window.stack.scale("monolith", 2));
        robot.clickOn("#tab-topology");

        robot.clickOn("#kill-window-monolith-2");
        robot.interact(() -> {
            hub.recordRequest(new CompletedRequest("catalog", "window-monolith-1", TimeUnit.MILLISECONDS.toNanos(5),
                    null));
            time.advanceMillis(1000);
            hub.publishFinishedSeconds();
        });

        for (String box : new String[] {"window-nginx", "window-monolith-1", "window-haproxy", "window-postgres"}) {
            assertThat(robot.lookup("#box-" + box).query().getStyleClass()).contains("box", "chip-ready");
        }
        assertThat(robot.lookup("#box-window-monolith-2").query().getStyleClass()).contains("chip-stopped");
        TopologyEdge busy = window.topology.layoutProperty().get().edges().get(0);
        assertThat(busy.to()).isEqualTo("window-monolith-1");
        Line line = robot.lookup("#edge-window-nginx-window-monolith-1").queryAs(Line.class);
        assertThat(line.getStrokeWidth()).isEqualTo(busy.strokeWidth()).isGreaterThan(5);
        assertThat(line.getEndX()).isEqualTo(busy.endX());
        assertThat(robot.lookup("#edge-window-nginx-window-monolith-2").queryAs(Line.class).getStrokeWidth())
                .isLessThan(2);
    }
}
