package io.shopscale.console.window;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.shopscale.console.engine.ShopArtifacts;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.StackName;

/**
 * The {@link StackEngine} on the local Docker engine, connected on first use, so a window opened without Docker
 * says why instead of failing to open. Commands run one at a time, so one message listener at a time suffices.
 */
public final class LocalShopEngine implements ShopEngine {

    private static final Consumer<String> IGNORED = message -> { };

    private final Path home;
    private volatile Consumer<String> messages = IGNORED;
    private StackEngine engine;

    public LocalShopEngine(Path home) {
        this.home = home;
    }

    @Override
    public void up(DesiredTopology desired, Progress progress) {
        reporting(progress, () -> engine().up(desired, progress::onStep));
    }

    @Override
    public void scale(StackName stack, Map<String, Integer> replicas, Progress progress) {
        reporting(progress, () -> engine().scale(stack, replicas, progress::onStep));
    }

    @Override
    public void down(StackName stack, boolean volumes, Consumer<String> progress) {
        engine().down(stack, volumes, progress);
    }

    @Override
    public void kill(StackName stack, String container) {
        engine().kill(stack, container);
    }

    @Override
    public StackStatus status(StackName stack) {
        return engine().status(stack);
    }

    @Override
    public String nginxConfig(StackName stack) {
        return engine().nginxConfig(stack);
    }

    @Override
    public String logs(StackName stack, Optional<String> service, int lines) {
        return engine().logs(stack, service, lines);
    }

    @Override
    public Subscription monitor(StackName stack, MetricsHub hub) {
        return engine().monitor(stack, hub)::close;
    }

    private void reporting(Progress progress, Runnable command) {
        messages = progress::onMessage;
        try {
            command.run();
        } finally {
            messages = IGNORED;
        }
    }

    private synchronized StackEngine engine() {
        if (engine == null) {
            engine = StackEngine.onLocalDocker(ShopArtifacts.locate(), home, message -> messages.accept(message));
        }
        return engine;
    }
}
