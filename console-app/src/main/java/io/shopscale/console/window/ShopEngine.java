package io.shopscale.console.window;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.plan.ProgressEvent;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.StackName;

/** What the window asks of the engine. Every method blocks, so the window calls them through {@link Background}. */
public interface ShopEngine {

    void up(DesiredTopology desired, Progress progress);

    void scale(StackName stack, Map<String, Integer> replicas, Progress progress);

    void down(StackName stack, boolean volumes, Consumer<String> progress);

    void kill(StackName stack, String container);

    StackStatus status(StackName stack);

    String nginxConfig(StackName stack);

    String logs(StackName stack, Optional<String> service, int lines);

    /**
     * Feeds {@code hub} with the running stack's CPU and memory per replica and nginx's counters until the returned
     * subscription is closed; closing may wait a few seconds for the streams to end.
     */
    Subscription monitor(StackName stack, MetricsHub hub);

    /** What a command reports while it runs, on the engine's thread: plan steps, and messages such as the base images. */
    interface Progress {

        void onStep(ProgressEvent event);

        void onMessage(String message);
    }
}
