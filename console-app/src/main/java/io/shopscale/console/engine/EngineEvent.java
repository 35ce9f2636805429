package io.shopscale.console.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.shopscale.console.plan.ProgressEvent;

/**
 * What the engine reports while a command runs, as typed records: the command line prints {@link #summary()}, the
 * window binds each kind to its own place (the activity list, the image line, the timeline). Delivered on the
 * engine's thread.
 */
public sealed interface EngineEvent {

    /** One line for people, as {@code shopctl} prints it. */
    String summary();

    /** A plan step started, finished or failed. */
    record Step(ProgressEvent progress) implements EngineEvent {
        @Override
        public String summary() {
            return StepText.of(progress);
        }
    }

    /**
     * The image a kind of container runs.
     *
     * @param kind   "jre", "postgres", "nginx", "haproxy"
     * @param source where it came from, for people ("official image", "built from Debian packages")
     */
    record BaseImageChosen(String kind, String image, String source) implements EngineEvent {
        @Override
        public String summary() {
            return "base image for " + kind + ": " + source;
        }
    }

    /** @param built false when an image of the same jar and base already existed */
    record AppImageReady(String service, String image, boolean built) implements EngineEvent {
        @Override
        public String summary() {
            return built ? "built " + image : image + " is up to date";
        }
    }

    /** A line of an image build's output, or a note about superseded images. */
    record ImageBuildOutput(String line) implements EngineEvent {
        @Override
        public String summary() {
            return line;
        }
    }

    /**
     * nginx routes to exactly these replicas now.
     *
     * @param upstreams replica numbers per service, as in {@link io.shopscale.console.plan.Operation.UpdateUpstreams}
     * @param reloaded  whether nginx had to reload (the config's shape changed) or took the change without one
     */
    record RoutingChanged(Map<String, List<Integer>> upstreams, boolean reloaded) implements EngineEvent {
        public RoutingChanged {
            upstreams = Map.copyOf(upstreams);
        }

        @Override
        public String summary() {
            return "nginx routes to " + new java.util.TreeMap<>(upstreams) + (reloaded ? " (reloaded)" : "");
        }
    }

    /** Another command holds the stack; this one waits until it finishes. */
    record WaitingForStack(String stack, StackLock.Holder holder) implements EngineEvent {
        @Override
        public String summary() {
            return "waiting: stack " + stack + " is being changed by " + holder.describe()
                    + " (Ctrl-C to stop waiting)";
        }
    }

    /** {@code down} removed a container, network or volume, or kept one. */
    record Removed(String resource) implements EngineEvent {
        @Override
        public String summary() {
            return "removed " + resource;
        }
    }

    /** {@code down} kept what holds the shop's data. */
    record Kept(List<String> resources, String hint) implements EngineEvent {
        public Kept {
            resources = List.copyOf(resources);
        }

        @Override
        public String summary() {
            return "kept " + String.join(" and ", resources) + " (" + hint + ")";
        }
    }

    /** A replica failed its readiness probe and left nginx, or was replaced. */
    record ReplicaSick(String container, String reason, Instant at) implements EngineEvent {
        @Override
        public String summary() {
            return container + " is not ready (" + reason + ")";
        }
    }

    /**
     * A fault was switched on or off, or, for {@code down}, happened.
     *
     * @param fault the fault's text form ({@code latency payments 800ms})
     * @param why   a note for people ("kept with the stack, applied again"), or empty
     */
    record FaultSwitched(String fault, boolean on, String why) implements EngineEvent {
        @Override
        public String summary() {
            return (on ? "fault on: " : "fault off: ") + fault + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }
}
