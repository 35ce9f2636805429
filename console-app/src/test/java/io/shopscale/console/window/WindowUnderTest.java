package io.shopscale.console.window;

import io.shopscale.console.engine.ShopEngine;
import java.util.function.Consumer;

import javafx.scene.Scene;
import javafx.stage.Stage;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.faults.FaultsViewModel;
import io.shopscale.console.window.experiments.ExperimentsViewModel;
import io.shopscale.console.window.logs.LogsViewModel;
import io.shopscale.console.window.nginx.NginxConfigViewModel;
import io.shopscale.console.window.stack.StackViewModel;
import io.shopscale.console.window.diagram.TopologyViewModel;
import io.shopscale.console.window.traffic.LoadControlsViewModel;
import io.shopscale.console.window.traffic.LoadRunner;
import io.shopscale.console.window.traffic.ThroughputViewModel;

/**
 * The whole window of stack {@code window} on port 18490, over a given engine; every engine call runs at once, or when
 * a given {@link QueuedBackground} lets it.
 */
final class WindowUnderTest {

    final StackViewModel stack;
    final NginxConfigViewModel nginx;
    final LogsViewModel logs;
    final TopologyViewModel topology;
    final FaultsViewModel faults;
    final ConsoleView view;

    WindowUnderTest(ShopEngine engine, MetricsHub hub, LoadRunner runner, Consumer<String> openInBrowser) {
        this(engine, hub, runner, openInBrowser, Background.sameThread());
    }

    WindowUnderTest(ShopEngine engine, MetricsHub hub, LoadRunner runner, Consumer<String> openInBrowser,
            Background background) {
        stack = new StackViewModel(engine, background, hub, StackName.of("window"), 18490);
        nginx = new NginxConfigViewModel(engine, background, stack, hub.time());
        logs = new LogsViewModel(engine, background, stack);
        topology = new TopologyViewModel(stack, hub, background);
        faults = new FaultsViewModel(engine, background, hub, stack);
        view = new ConsoleView(stack, new ThroughputViewModel(hub, background),
                new LoadControlsViewModel(runner, background, stack.urlProperty()), nginx, logs, topology, faults,
                new ExperimentsViewModel(engine, background, StackName.of("window"), stack.urlProperty()::get,
                        target -> {
                            throw new IllegalStateException("no experiment runs in the window's view tests");
                        }, io.shopscale.console.experiment.RunClock::system,
                        java.nio.file.Path.of("target", "window-reports"),
                        new io.shopscale.console.experiment.SessionRecorder(engine, System::currentTimeMillis)),
                openInBrowser);
    }

    void show(Stage stage) {
        stage.setScene(new Scene(view.root(), 1280, 820));
        stage.show();
    }
}
