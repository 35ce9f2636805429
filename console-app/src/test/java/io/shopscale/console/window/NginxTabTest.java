package io.shopscale.console.window;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.window.traffic.FakeLoadRunner;

/** The nginx tab on Monocle: the running config, and the last reload's diff in colour. */
@ExtendWith(ApplicationExtension.class)
class NginxTabTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private WindowUnderTest window;

    @Start
    void open(Stage stage) {
        engine.reloadNginxOnScale();
        window = new WindowUnderTest(engine, new MetricsHub(new FakeTime(), 60), new FakeLoadRunner(), url -> { });
        window.show(stage);
    }

    @Test
    void aReloadShowsTheRunningConfigAndItsAddedLinesInGreen(FxRobot robot) {
        robot.clickOn("#start");
        robot.clickOn("#tab-nginx");

        robot.interact(() -> window.stack.scale("monolith", 2));

        assertThat(robot.lookup("#nginx-config").queryAs(TextArea.class).getText())
                .isEqualTo(window.nginx.configProperty().get()).contains("server window-monolith-2:8080;");
        assertThat(robot.lookup("#nginx-diff").queryListView().getItems())
                .containsExactlyElementsOf(window.nginx.diff());
        assertThat(robot.lookup("#nginx-diff .diff-added").queryAllAs(ListCell.class))
                .extracting(cell -> (String) cell.getItem())
                .containsExactly("+    server window-monolith-1:8080;", "+    server window-monolith-2:8080;");
        assertThat(robot.lookup("#nginx-last-reload").queryAs(Label.class).getText())
                .isEqualTo(window.nginx.lastReloadProperty().get()).startsWith("last reload ");
    }
}
