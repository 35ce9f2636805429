package io.shopscale.console.window.nginx;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;

import io.shopscale.console.docker.NoDockerEngines;
import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;
import io.shopscale.console.window.QueuedBackground;
import io.shopscale.console.window.stack.StackViewModel;

class NginxConfigViewModelTest {

    private static final String EMPTY_UPSTREAM = "upstream monolith {\n}\n";

    private final FakeShopEngine engine = new FakeShopEngine();
    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 60);

    private NginxConfigViewModel following(StackViewModel stack, Background background) {
        return new NginxConfigViewModel(engine, background, stack.stack(), stack.runningProperty(),
                stack.lastReloadProperty(), time, ZoneOffset.UTC);
    }

    @Test
    void aScaleShowsTheNewConfigAndWhatItsReloadChangedAtTheTimeOfTheReload() {
        engine.reloadNginxOnScale();
        StackViewModel stack = new StackViewModel(engine, Background.sameThread(), hub, StackName.of("window"), 18490);
        NginxConfigViewModel nginx = following(stack, Background.sameThread());
        stack.start();
        assertThat(nginx.configProperty().get()).isEqualTo(EMPTY_UPSTREAM);
        assertThat(nginx.diff()).isEmpty();
        assertThat(nginx.lastReloadProperty().get()).isEqualTo(NginxConfigViewModel.NO_RELOAD);
        time.advance(Duration.ofSeconds(5));

        stack.scale("monolith", 2);

        assertThat(nginx.configProperty().get()).isEqualTo("upstream monolith {\n"
                + "    server window-monolith-1:8080;\n    server window-monolith-2:8080;\n}\n");
        assertThat(nginx.diff()).containsExactly("@@ -1,2 +1,4 @@", " upstream monolith {",
                "+    server window-monolith-1:8080;", "+    server window-monolith-2:8080;", " }");
        assertThat(nginx.lastReloadProperty().get()).isEqualTo("last reload 12:00:05: 2 lines added, 0 removed");
    }

    @Test
    void theConfigIsReadWhenTheTabOpensAndOnRefreshNeverWhileNothingHappens() {
        SimpleBooleanProperty running = new SimpleBooleanProperty(true);
        NginxConfigViewModel nginx = new NginxConfigViewModel(engine, Background.sameThread(),
                StackName.of("window"), running, new SimpleObjectProperty<>(), time, ZoneOffset.UTC);
        assertThat(engine.nginxReads()).isEqualTo(1);

        nginx.shownProperty().set(true);
        assertThat(engine.nginxReads()).isEqualTo(2);
        engine.setNginxConfig("upstream monolith {\n    server window-monolith-1:8080;\n}\n");
        time.advance(Duration.ofSeconds(7));
        nginx.refresh();

        assertThat(engine.nginxReads()).isEqualTo(3);
        assertThat(nginx.diff()).containsExactly("@@ -1,2 +1,3 @@", " upstream monolith {",
                "+    server window-monolith-1:8080;", " }");
        assertThat(nginx.lastReloadProperty().get()).isEqualTo("last reload 12:00:07: 1 line added, 0 removed");
        nginx.refresh();
        assertThat(nginx.diff()).as("an unchanged config keeps the last change").hasSize(4);
    }

    @Test
    void aReloadReportedWhileAReadIsUnderWayIsReadAfterIt() {
        QueuedBackground background = new QueuedBackground();
        SimpleBooleanProperty running = new SimpleBooleanProperty(true);
        SimpleObjectProperty<Event> reloads = new SimpleObjectProperty<>();
        NginxConfigViewModel nginx = new NginxConfigViewModel(engine, background, StackName.of("window"), running,
                reloads, time, ZoneOffset.UTC);
        background.runAll();

        reloads.set(new Event(time.now(), EventKind.RELOAD, "nginx reloaded: 0 lines added, 0 removed"));
        reloads.set(new Event(time.now().plusSeconds(2), EventKind.RELOAD, "nginx reloaded: 1 lines added, 1 removed"));
        engine.setNginxConfig("upstream monolith {\n    server window-monolith-2:8080;\n}\n");
        background.runAll();

        assertThat(engine.nginxReads()).isEqualTo(3);
        assertThat(nginx.configProperty().get()).contains("window-monolith-2");
        assertThat(nginx.diff()).contains("+    server window-monolith-2:8080;");
    }

    @Test
    void stoppingTheStackForgetsItsConfigSoTheNextStartShowsNoDiff() {
        StackViewModel stack = new StackViewModel(engine, Background.sameThread(), hub, StackName.of("window"), 18490);
        NginxConfigViewModel nginx = following(stack, Background.sameThread());
        stack.start();
        engine.setNginxConfig("upstream monolith {\n    server window-monolith-1:8080;\n}\n");
        nginx.refresh();
        assertThat(nginx.diff()).isNotEmpty();

        stack.stop();

        assertThat(nginx.configProperty().get()).isEmpty();
        assertThat(nginx.diff()).isEmpty();
        assertThat(nginx.lastReloadProperty().get()).isEqualTo(NginxConfigViewModel.NO_RELOAD);
        int reads = engine.nginxReads();
        nginx.refresh();
        assertThat(engine.nginxReads()).as("nothing to read while the stack is down").isEqualTo(reads);
    }

    @Test
    void aConfigThatCannotBeReadSaysWhyAndKeepsTheLastText() {
        NginxConfigViewModel nginx = new NginxConfigViewModel(engine, Background.sameThread(),
                StackName.of("window"), new SimpleBooleanProperty(true), new SimpleObjectProperty<>(), time,
                ZoneOffset.UTC);
        engine.failWith(NoDockerEngines.exception());

        nginx.refresh();

        assertThat(nginx.problemProperty().get()).startsWith("No Docker engine answered.");
        assertThat(nginx.configProperty().get()).isEqualTo(EMPTY_UPSTREAM);
        engine.failWith(null);
        nginx.refresh();
        assertThat(nginx.problemProperty().get()).isEmpty();
    }
}
