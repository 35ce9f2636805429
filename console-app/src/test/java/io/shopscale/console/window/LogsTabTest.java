package io.shopscale.console.window;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.window.traffic.FakeLoadRunner;

/** The logs tab on Monocle: opening it shows the lines, typing a filter narrows them. */
@ExtendWith(ApplicationExtension.class)
class LogsTabTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private WindowUnderTest window;

    @Start
    void open(Stage stage) {
        window = new WindowUnderTest(engine, new MetricsHub(new FakeTime(), 60), new FakeLoadRunner(), url -> { });
        window.show(stage);
    }

    @Test
    void typingAFilterShowsOnlyTheMatchingLines(FxRobot robot) {
        robot.clickOn("#start");
        engine.addLogLine("window-monolith-1", "ERROR payment declined");
        robot.clickOn("#tab-logs");
        assertThat(robot.lookup("#logs-lines").queryListView().getItems())
                .containsExactlyElementsOf(window.logs.lines()).hasSize(5);
        int reads = engine.logReads();

        robot.clickOn("#logs-filter").write("error");

        assertThat(robot.lookup("#logs-lines").queryListView().getItems())
                .containsExactly("window-monolith-1 | ERROR payment declined");
        assertThat(robot.lookup("#logs-summary").queryAs(Label.class).getText()).isEqualTo("1 of 5 lines match");
        assertThat(engine.logReads()).isEqualTo(reads);
    }
}
