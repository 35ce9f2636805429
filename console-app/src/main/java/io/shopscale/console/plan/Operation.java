package io.shopscale.console.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link Plan}: a single Docker-level action on one resource, with the reason it is needed. The
 * executor performs it without deciding anything.
 */
public sealed interface Operation {

    /**
     * The resource acted on: {@code network:shop}, {@code volume:shop-pgdata}, {@code service:orders:3},
     * {@code nginx}.
     */
    String resourceId();

    /** Why the step is needed, for people: "missing", "scale up", "scale down", "exited", "config hash changed". */
    String cause();

    /** What is done, as one word: "create", "start", "wait-ready", "grant", "upstreams", "drain", "stop", "remove". */
    String verb();

    /** Parameters worth showing beside the resource ("timeout 30s"), or empty. */
    default String detail() {
        return "";
    }

    /** One line for progress output: {@code stop service:orders:3 timeout 30s (scale down)}. */
    default String summary() {
        return verb() + " " + resourceId() + (detail().isEmpty() ? "" : " " + detail()) + " (" + cause() + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static void requireCause(String cause) {
        if (cause == null || cause.isBlank()) {
            throw new IllegalArgumentException("every operation needs a cause");
        }
    }

    private static void requireContainer(ContainerRef container) {
        if (container == null) {
            throw new IllegalArgumentException("container is missing");
        }
    }

    private static void requirePositive(Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
    }

    record CreateNetwork(String name, String cause) implements Operation {
        public CreateNetwork {
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return "network:" + name;
        }

        @Override
        public String verb() {
            return "create";
        }
    }

    record CreateVolume(String name, String cause) implements Operation {
        public CreateVolume {
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return "volume:" + name;
        }

        @Override
        public String verb() {
            return "create";
        }
    }

    /**
     * Creates (does not start) a container with the stack's labels, limits, network and volumes.
     *
     * @param configHash the value of {@link Labels#CONFIG_HASH}; empty for infrastructure
     */
    record CreateContainer(ContainerRef container, String configHash, String cause) implements Operation {
        public CreateContainer {
            requireContainer(container);
            requireCause(cause);
            if (configHash == null) {
                throw new IllegalArgumentException("config hash is missing; use \"\" for infrastructure");
            }
        }

        @Override
        public String resourceId() {
            return container.resourceId();
        }

        @Override
        public String verb() {
            return "create";
        }
    }

    record StartContainer(ContainerRef container, String cause) implements Operation {
        public StartContainer {
            requireContainer(container);
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return container.resourceId();
        }

        @Override
        public String verb() {
            return "start";
        }
    }

    /** Blocks until the container passes its readiness check; fails (and so ends the plan) if it never does. */
    record WaitReady(ContainerRef container, String cause) implements Operation {
        public WaitReady {
            requireContainer(container);
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return container.resourceId();
        }

        @Override
        public String verb() {
            return "wait-ready";
        }
    }

    /**
     * Gives each service its own database user, owner of its own schema and of nothing else, so that a service can
     * reach only its own data. Idempotent: it also hands the service everything in its schema that the monolith
     * created, which is how a mode switch keeps the data.
     *
     * @param services the services whose users are set up, in the mode's order
     */
    record GrantDatabaseAccess(List<String> services, String cause) implements Operation {
        public GrantDatabaseAccess {
            requireCause(cause);
            if (services == null || services.isEmpty()) {
                throw new IllegalArgumentException("services are missing");
            }
            services = List.copyOf(services);
        }

        @Override
        public String resourceId() {
            return Labels.ROLE_POSTGRES;
        }

        @Override
        public String verb() {
            return "grant";
        }

        @Override
        public String detail() {
            return "a user per service: " + String.join(", ", services);
        }
    }

    /**
     * Makes nginx route to exactly these replicas. The engine renders the config, validates it with
     * {@code nginx -t}, and reloads only if it differs from the running one.
     *
     * @param upstreams replica numbers per service; every service of the mode is present, possibly with none
     */
    record UpdateUpstreams(Map<String, List<Integer>> upstreams, String cause) implements Operation {
        public UpdateUpstreams {
            requireCause(cause);
            if (upstreams == null) {
                throw new IllegalArgumentException("upstreams are missing");
            }
            Map<String, List<Integer>> copy = new LinkedHashMap<>();
            upstreams.forEach((service, replicas) -> copy.put(service, List.copyOf(replicas)));
            upstreams = Collections.unmodifiableMap(copy);
        }

        @Override
        public String resourceId() {
            return Labels.ROLE_NGINX;
        }

        @Override
        public String verb() {
            return "upstreams";
        }

        /** {@code orders=[1,2] payments=[]}: the whole routing, so a reader sees what nginx will send where. */
        @Override
        public String detail() {
            List<String> pools = new ArrayList<>();
            upstreams.forEach((service, replicas) -> pools.add(service + "=" + replicas.toString().replace(" ", "")));
            return String.join(" ", pools);
        }
    }

    /** Gives nginx's old workers time to finish the requests they had started before the last reload. */
    record WaitDrain(Duration duration, String cause) implements Operation {
        public WaitDrain {
            requirePositive(duration);
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return Labels.ROLE_NGINX;
        }

        @Override
        public String verb() {
            return "drain";
        }

        @Override
        public String detail() {
            return seconds(duration);
        }
    }

    /** Sends SIGTERM and waits up to {@code timeout} before Docker kills the process. */
    record StopContainer(ContainerRef container, Duration timeout, String cause) implements Operation {
        public StopContainer {
            requireContainer(container);
            requirePositive(timeout);
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return container.resourceId();
        }

        @Override
        public String verb() {
            return "stop";
        }

        @Override
        public String detail() {
            return "timeout " + seconds(timeout);
        }
    }

    /** Removes a container that is no longer running (it was stopped by an earlier step or had exited). */
    record RemoveContainer(ContainerRef container, String cause) implements Operation {
        public RemoveContainer {
            requireContainer(container);
            requireCause(cause);
        }

        @Override
        public String resourceId() {
            return container.resourceId();
        }

        @Override
        public String verb() {
            return "remove";
        }
    }

    /**
     * Creates a Swarm service for one app tier, or changes its definition (Swarm then replaces its tasks one at a
     * time, each new task started before the old one stops, and rolls back when the new ones fail).
     *
     * @param replicas the replica count the service is created with; an existing service keeps its own
     */
    record DeployService(String service, String configHash, int replicas, String cause) implements Operation {
        public DeployService {
            requireCause(cause);
            if (service == null || configHash == null || configHash.isBlank() || replicas < 0) {
                throw new IllegalArgumentException("a service, its config hash and a replica count are needed");
            }
        }

        @Override
        public String resourceId() {
            return "swarm-service:" + service;
        }

        @Override
        public String verb() {
            return "deploy";
        }

        @Override
        public String detail() {
            return "replicas " + replicas;
        }
    }

    /** Sets a Swarm service's replica count; Swarm starts or stops tasks to match. */
    record ScaleService(String service, int replicas, String cause) implements Operation {
        public ScaleService {
            requireCause(cause);
            if (service == null || replicas < 0) {
                throw new IllegalArgumentException("a service and a replica count are needed");
            }
        }

        @Override
        public String resourceId() {
            return "swarm-service:" + service;
        }

        @Override
        public String verb() {
            return "scale";
        }

        @Override
        public String detail() {
            return "replicas " + replicas;
        }
    }

    /**
     * Follows a Swarm service's tasks until exactly {@code replicas} run and are ready and none is on its way out:
     * nginx routes to each task as soon as it is ready, and stops routing to each one as soon as Swarm marks it for
     * shutdown, before it stops serving. Fails when that is not reached within a few minutes.
     */
    record FollowTasks(String service, int replicas, String cause) implements Operation {
        public FollowTasks {
            requireCause(cause);
            if (service == null || replicas < 0) {
                throw new IllegalArgumentException("a service and a replica count are needed");
            }
        }

        @Override
        public String resourceId() {
            return "swarm-service:" + service;
        }

        @Override
        public String verb() {
            return "follow";
        }

        @Override
        public String detail() {
            return replicas + " ready";
        }
    }

    /** Removes a Swarm service that the mode no longer runs, after nginx stopped routing to it. */
    record RemoveService(String service, String cause) implements Operation {
        public RemoveService {
            requireCause(cause);
            if (service == null) {
                throw new IllegalArgumentException("a service is needed");
            }
        }

        @Override
        public String resourceId() {
            return "swarm-service:" + service;
        }

        @Override
        public String verb() {
            return "remove";
        }
    }
}
