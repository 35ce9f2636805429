package io.shopscale.console.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/**
 * What the user last asked of a stack: the topology (mode, replicas per service, limits, port), the images it runs,
 * and the engine that runs it (so that {@code scale}, {@code status}, {@code heal} and {@code down} need no flag).
 * Kept as labels on an object the stack owns (see {@code DockerStack.writeWish}), so that {@code scale} and
 * {@code heal} converge to it, not to whatever containers happen to exist, and reuse the images that run: only
 * {@code up} builds images from newer jars.
 */
public record StackWish(DesiredTopology desired, ContainerSpecs.Images images, EngineKind engine) {

    static final String PREFIX = "io.shopscale.wish.";
    private static final String MODE = PREFIX + "mode";
    private static final String PORT = PREFIX + "port";
    private static final String CPUS = PREFIX + "cpus";
    private static final String MEMORY_MB = PREFIX + "memory-mb";
    private static final String REPLICA_CONCURRENCY = PREFIX + "replica-concurrency";
    private static final String REPLICAS = PREFIX + "replicas.";
    private static final String POSTGRES_IMAGE = PREFIX + "image.postgres";
    private static final String HAPROXY_IMAGE = PREFIX + "image.haproxy";
    private static final String NGINX_IMAGE = PREFIX + "image.nginx";
    private static final String APP_IMAGE = PREFIX + "image.app.";
    private static final String ENGINE = PREFIX + "engine";

    public StackWish {
        if (desired == null || images == null || engine == null) {
            throw new IllegalArgumentException("a wish needs the topology, the images and the engine");
        }
        for (String service : desired.mode().services()) {
            if (!images.apps().containsKey(service)) {
                throw new IllegalArgumentException("no image for " + service);
            }
        }
    }

    /** A wish for the local Docker engine. */
    public StackWish(DesiredTopology desired, ContainerSpecs.Images images) {
        this(desired, images, EngineKind.DOCKER);
    }

    StackWish withReplicas(Map<String, Integer> changes) {
        return new StackWish(desired.withReplicas(changes), images, engine);
    }

    StackSettings settings() {
        return new StackSettings(desired.mode(), desired.publishPort(), desired.limits());
    }

    /**
     * The wish as labels: {@code io.shopscale.wish.replicas.monolith=3}, {@code io.shopscale.wish.replica-concurrency=64}, {@code io.shopscale.wish.image.nginx=…},
     * {@code io.shopscale.wish.engine=swarm}. A wish written before engines were recorded is the Docker engine's.
     */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MODE, desired.mode().label());
        labels.put(PORT, Integer.toString(desired.publishPort()));
        labels.put(CPUS, Double.toString(desired.limits().cpus()));
        labels.put(MEMORY_MB, Integer.toString(desired.limits().memoryMb()));
        labels.put(REPLICA_CONCURRENCY, Integer.toString(desired.limits().replicaConcurrency()));
        desired.replicas().forEach((service, count) -> labels.put(REPLICAS + service, Integer.toString(count)));
        labels.put(POSTGRES_IMAGE, images.postgres());
        labels.put(HAPROXY_IMAGE, images.haproxy());
        labels.put(NGINX_IMAGE, images.nginx());
        images.apps().forEach((service, image) -> labels.put(APP_IMAGE + service, image));
        labels.put(ENGINE, engine.label());
        return labels;
    }

    /** The wish that {@link #labels()} wrote; empty when the labels hold none, or one this console cannot read. */
    static Optional<StackWish> fromLabels(StackName stack, Map<String, String> labels) {
        if (!labels.containsKey(MODE)) {
            return Optional.empty();
        }
        try {
            Mode mode = Mode.parse(labels.get(MODE));
            Map<String, Integer> replicas = new LinkedHashMap<>();
            Map<String, String> apps = new HashMap<>();
            for (String service : mode.services()) {
                replicas.put(service, Integer.parseInt(labels.get(REPLICAS + service)));
                apps.put(service, require(labels, APP_IMAGE + service));
            }
            // A wish written before the limit of requests in flight was recorded gets the default for its CPU cap.
            Limits limits = new Limits(Double.parseDouble(labels.get(CPUS)), Integer.parseInt(labels.get(MEMORY_MB)));
            if (labels.containsKey(REPLICA_CONCURRENCY)) {
                limits = limits.withReplicaConcurrency(Integer.parseInt(labels.get(REPLICA_CONCURRENCY)));
            }
            DesiredTopology desired = new DesiredTopology(stack, mode, replicas, limits,
                    Integer.parseInt(labels.get(PORT)));
            return Optional.of(new StackWish(desired, new ContainerSpecs.Images(require(labels, POSTGRES_IMAGE),
                    require(labels, HAPROXY_IMAGE), require(labels, NGINX_IMAGE), apps),
                    EngineKind.parse(labels.getOrDefault(ENGINE, EngineKind.DOCKER.label()))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String require(Map<String, String> labels, String key) {
        String value = labels.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
