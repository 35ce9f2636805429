package io.shopscale.console.window;

import java.nio.file.Path;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.experiment.GeneratorLoad;
import io.shopscale.console.experiment.RunClock;
import io.shopscale.console.experiment.SessionRecorder;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.window.faults.FaultsViewModel;
import io.shopscale.console.window.experiments.ExperimentsViewModel;
import io.shopscale.console.window.logs.LogsViewModel;
import io.shopscale.console.window.nginx.NginxConfigViewModel;
import io.shopscale.console.window.stack.StackMonitoring;
import io.shopscale.console.window.stack.StackViewModel;
import io.shopscale.console.window.diagram.TopologyViewModel;
import io.shopscale.console.window.traffic.GeneratorLoadRunner;
import io.shopscale.console.window.traffic.LoadControlsViewModel;
import io.shopscale.console.window.traffic.RecordedLoadRunner;
import io.shopscale.console.window.traffic.ThroughputViewModel;

/**
 * The JavaFX application: wires the engine, the metrics hub and the view-models to the view, polls the stack (and,
 * when followed, its logs), and keeps the stack monitored while it runs. Closing the window stops the load, the
 * monitor and the panels' subscriptions to the hub, and never blocks the FX thread: the monitor's streams end and
 * a running command is interrupted in the background, which gives them a bounded time before the process exits.
 */
public final class ConsoleWindow extends Application {

    /** How often the window reads the stack's state from Docker. */
    static final Duration POLL = Duration.seconds(2);

    private FxBackground background;
    private MetricsHub hub;
    private Timeline poll;
    private StackMonitoring monitoring;
    private ThroughputViewModel throughput;
    private LoadControlsViewModel load;
    private TopologyViewModel topology;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        background = new FxBackground();
        hub = new MetricsHub().startTicking();
        Path home = Path.of(System.getProperty("user.home"), ".shopscale");
        // The whole session is recorded from the start, so the Experiments tab can save it as a file that replays it.
        ShopEngine docker = StackEngine.onLocalDocker(home, "console window", true);
        SessionRecorder session = new SessionRecorder(docker, System::currentTimeMillis);
        ShopEngine engine = session;
        Limits limits = options.limits();
        StackViewModel stack = new StackViewModel(engine, background, hub, options.stackName(), options.port(),
                limits);
        monitoring = new StackMonitoring(engine, background, hub, options.stackName(), stack.runningProperty());
        throughput = new ThroughputViewModel(hub, background);
        load = new LoadControlsViewModel(new RecordedLoadRunner(new GeneratorLoadRunner(hub), session), background,
                stack.urlProperty(), limits.cpus());
        NginxConfigViewModel nginx = new NginxConfigViewModel(engine, background, stack, hub.time());
        LogsViewModel logs = new LogsViewModel(engine, background, stack);
        topology = new TopologyViewModel(stack, hub, background);
        FaultsViewModel faults = new FaultsViewModel(engine, background, hub, stack);
        // An experiment's own steps are not part of the presenter's session.
        ExperimentsViewModel experiments = new ExperimentsViewModel(docker, background, options.stackName(),
                stack.urlProperty()::get, target -> {
                    GeneratorLoad generator = new GeneratorLoad(target, hub);
                    generator.prepare();
                    return generator;
                }, RunClock::system, home.resolve("reports"), session);
        ConsoleView view = new ConsoleView(stack, throughput, load, nginx, logs, topology, faults, experiments,
                getHostServices()::showDocument);

        stage.setTitle("ShopScale · " + options.stackName());
        stage.setScene(new Scene(view.root(), 1280, 820));
        stage.show();

        stack.refresh();
        poll = new Timeline(new KeyFrame(POLL, event -> {
            stack.refresh();
            logs.poll();
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    @Override
    public void stop() {
        if (poll != null) {
            poll.stop();
        }
        if (load != null) {
            load.close();
        }
        if (monitoring != null) {
            monitoring.close();
        }
        if (throughput != null) {
            throughput.close();
        }
        if (topology != null) {
            topology.close();
        }
        if (hub != null) {
            hub.close();
        }
        if (background != null) {
            background.close();
        }
    }
}
