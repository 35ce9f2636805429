package io.shopscale.console.plan;

import static io.shopscale.console.plan.ContainerState.PAUSED;
import static io.shopscale.console.plan.ContainerState.REMOVING;
import static io.shopscale.console.plan.ContainerState.RUNNING;

import io.shopscale.console.plan.Operation.CreateContainer;
import io.shopscale.console.plan.Operation.CreateNetwork;
import io.shopscale.console.plan.Operation.CreateVolume;
import io.shopscale.console.plan.Operation.GrantDatabaseAccess;
import io.shopscale.console.plan.Operation.RemoveContainer;
import io.shopscale.console.plan.Operation.StartContainer;
import io.shopscale.console.plan.Operation.StopContainer;
import io.shopscale.console.plan.Operation.WaitDrain;
import io.shopscale.console.plan.Operation.WaitReady;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.StackName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns what the user wants and what runs into the ordered steps between them, like compose's reconciler: a pure
 * function, no I/O. The order keeps the shop answering throughout: a replica joins nginx only once it is ready and
 * leaves nginx before it is stopped, and a stale replica is replaced (new one ready first) rather than restarted.
 */
public final class Planner {

    /**
     * After a reload, nginx's old workers finish the requests they had started; the shop's requests are short, so a
     * few seconds let them complete before the replica they went to is stopped.
     */
    public static final Duration DRAIN_TIME = Duration.ofSeconds(5);

    /**
     * Longer than the app's graceful shutdown (20 s), so that Docker's SIGKILL never cuts off a request the app is
     * still finishing.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A replica that fails its readiness probe is already out of nginx and may be frozen (a stopped process never
     * handles SIGTERM): a short timeout, so that it is gone in seconds, not half a minute.
     */
    public static final Duration FAILING_STOP_TIMEOUT = Duration.ofSeconds(5);

    static final String MISSING = "missing";
    static final String NOT_READY = "not ready";
    static final String SCALE_UP = "scale up";
    static final String SCALE_DOWN = "scale down";
    static final String CONFIG_HASH_CHANGED = "config hash changed";
    static final String FAILING = "failing readiness";

    private static final String NO_CONFIG_HASH = "";
    private static final Comparator<ObservedContainer> BY_REPLICA =
            Comparator.comparingInt(ObservedContainer::replica).thenComparing(ObservedContainer::name);

    private final DesiredTopology desired;
    private final ObservedStack observed;
    private final String appConfigHash;
    private final List<Operation> steps = new ArrayList<>();
    private final Routing routing;
    /** Replica numbers in use per service, including those created by this plan, so no two get the same name. */
    private final Map<String, Set<Integer>> takenReplicas = new HashMap<>();
    private boolean databaseAccessGranted;
    /** Failing replicas kept in nginx because their service has nothing better: drained like serving ones. */
    private final Set<String> routedAsLastResort = new HashSet<>();
    /** Why nginx is created by this plan, if it is: then it routes to nothing, and that is the cause to show. */
    private Optional<String> nginxCreatedBecause = Optional.empty();

    private Planner(DesiredTopology desired, ObservedStack observed, String appConfigHash) {
        this.desired = desired;
        this.observed = observed;
        this.appConfigHash = appConfigHash;
        this.routing = new Routing(desired.mode().services(), observed.routing(),
                observed.replicaConcurrencyOutdated());
        observed.containers().stream()
                .filter(ObservedContainer::isApp)
                .forEach(c -> takenReplicas.computeIfAbsent(c.service(), any -> new HashSet<>()).add(c.replica()));
    }

    /**
     * @param appConfigHash the hash of everything that defines an app container (image, environment, limits); a
     *                      running replica labelled with another hash is replaced
     */
    public static Plan plan(DesiredTopology desired, ObservedStack observed, String appConfigHash) {
        if (desired == null || observed == null) {
            throw new IllegalArgumentException("planning needs both the desired topology and the observed stack");
        }
        if (appConfigHash == null || appConfigHash.isBlank()) {
            throw new IllegalArgumentException("the app config hash is required: it is how changed replicas are found");
        }
        Planner planner = new Planner(desired, observed, appConfigHash);
        planner.planInfrastructure();
        planner.routeWhatServes();
        desired.mode().services().forEach(planner::planService);
        planner.planRetiredServices();
        return new Plan(desired, planner.steps);
    }

    /**
     * The part of a full plan that does not touch app replicas: the network, the volumes, PostgreSQL, HAProxy and
     * nginx, then nginx routed to exactly the replicas that serve. For an engine that runs the app tiers as
     * orchestrator services ({@link SwarmPlanner}), which plans those itself.
     */
    public static List<Operation> infrastructure(DesiredTopology desired, ObservedStack observed) {
        if (desired == null || observed == null) {
            throw new IllegalArgumentException("planning needs both the desired topology and the observed stack");
        }
        Planner planner = new Planner(desired, observed, NO_CONFIG_HASH);
        planner.planInfrastructure();
        planner.routeWhatServes();
        return List.copyOf(planner.steps);
    }

    /**
     * Only the first step of a full plan: nginx routes to exactly the replicas that serve. What a watcher runs every
     * few seconds, so that a replica that stops answering leaves nginx within seconds, even while no one heals; it
     * creates, starts and stops nothing. Empty while nginx does not run.
     */
    public static Plan routing(DesiredTopology desired, ObservedStack observed) {
        if (desired == null || observed == null) {
            throw new IllegalArgumentException("planning needs both the desired topology and the observed stack");
        }
        Planner planner = new Planner(desired, observed, NO_CONFIG_HASH);
        boolean nginxServes = observed.containers().stream()
                .anyMatch(c -> c.role().equals(Labels.ROLE_NGINX) && c.isServing());
        if (nginxServes) {
            planner.routeWhatServes();
        }
        return new Plan(desired, planner.steps);
    }

    private void planInfrastructure() {
        StackName stack = desired.stack();
        if (observed.network().isEmpty()) {
            steps.add(new CreateNetwork(ResourceNames.network(stack), MISSING));
        }
        for (String volume : List.of(ResourceNames.databaseVolume(stack), ResourceNames.staticFilesVolume(stack))) {
            if (!observed.volumes().contains(volume)) {
                steps.add(new CreateVolume(volume, MISSING));
            }
        }
        // HAProxy fronts PostgreSQL, so the database comes first.
        planInfrastructureContainer(Labels.ROLE_POSTGRES);
        planInfrastructureContainer(Labels.ROLE_HAPROXY);
        planNginx();
    }

    /*
     * nginx starts before any app replica, with upstreams that have no servers yet; the nginx package renders that to
     * a config nginx accepts, answering 503 until a replica joins. Chosen over creating nginx after the first ready
     * replica because then every replica, the first ones included, joins through the same wait-ready -> upstreams
     * steps (one path for "up" and "scale"), and the published port answers from the start instead of refusing
     * connections while the apps boot.
     */
    private void planNginx() {
        nginxCreatedBecause = planInfrastructureContainer(Labels.ROLE_NGINX);
        nginxCreatedBecause.ifPresent(cause -> routing.nginxStartsEmpty());
    }

    /**
     * Before anything else changes, nginx routes to exactly the replicas that serve: one that is ready but not routed
     * (a command stopped after it started, a reload that failed) joins, and one that stopped answering its readiness
     * probe or died leaves at once, so no request waits on it while the rest of the plan runs.
     */
    private void routeWhatServes() {
        appContainers().filter(ObservedContainer::isServing).forEach(c -> routing.include(c.service(), c.replica()));
        // A service whose every running replica fails its probe, or is frozen, keeps the ones nginx routes to: a
        // certain 503 from nginx is worse than replicas that may only be slow (a starved host) or stalled for a
        // while (docker pause), as with Envoy's panic threshold.
        List<ObservedContainer> lastResort = appContainers()
                .filter(c -> c.state() == PAUSED || c.state() == RUNNING && c.readiness() == Readiness.FAILING)
                .filter(c -> !routing.serves(c.service()) && routedNow(c)).toList();
        lastResort.forEach(c -> routing.include(c.service(), c.replica()));
        lastResort.forEach(c -> routedAsLastResort.add(c.name()));
        routing.drift().map(drift -> nginxCreatedBecause.map(cause -> "nginx " + cause).orElse(drift))
                .flatMap(routing::apply).ifPresent(steps::add);
    }

    private boolean routedNow(ObservedContainer container) {
        return observed.routing().map(r -> r.getOrDefault(container.service(), List.of())
                .contains(container.replica())).orElse(false);
    }

    /** @return the cause, when the container is created */
    private Optional<String> planInfrastructureContainer(String role) {
        Optional<ObservedContainer> existing = observed.containers().stream()
                .filter(c -> c.role().equals(role) && c.state() != REMOVING)
                .min(BY_REPLICA);
        if (existing.isPresent() && existing.get().state() == RUNNING) {
            if (!existing.get().ready()) {
                steps.add(new WaitReady(existing.get().ref(), NOT_READY));
            }
            return Optional.empty();
        }
        String cause = existing.map(c -> c.state().label()).orElse(MISSING);
        // Recreated rather than restarted: its data lives in volumes, and Docker cannot restart a dead container.
        existing.ifPresent(c -> stopAndRemove(c, cause));
        ContainerRef container = ContainerRef.infrastructure(desired.stack(), role);
        createAndStart(container, NO_CONFIG_HASH, cause);
        steps.add(new WaitReady(container, cause));
        return Optional.of(cause);
    }

    private void planService(String service) {
        int wanted = desired.replicasOf(service);
        List<ObservedContainer> containers = appContainers().filter(c -> c.service().equals(service))
                .sorted(BY_REPLICA).toList();
        List<ObservedContainer> live = containers.stream().filter(c -> staleness(c).isEmpty()).toList();
        List<ObservedContainer> kept = live.subList(0, Math.min(wanted, live.size()));
        List<ObservedContainer> surplus = live.subList(kept.size(), live.size());
        // Running stale replicas are the ones replaced: they serve until their replacement is ready. Broken ones are
        // the ones dropped when fewer replacements are needed, since dropping them costs no capacity.
        List<ObservedContainer> stale = containers.stream().filter(c -> staleness(c).isPresent())
                .sorted(Comparator.comparing((ObservedContainer c) -> !c.isServing()).thenComparing(BY_REPLICA))
                .toList();
        int missing = wanted - kept.size();
        List<ObservedContainer> toReplace = stale.subList(0, Math.min(missing, stale.size()));
        List<ObservedContainer> toDrop = stale.subList(toReplace.size(), stale.size());

        kept.stream().filter(c -> !c.ready()).forEach(this::awaitReady);
        scaleDown(highestReplicaFirst(Stream.concat(surplus.stream(), toDrop.stream())), SCALE_DOWN,
                c -> staleness(c).orElse(SCALE_DOWN));
        scaleUp(service, missing - toReplace.size());
        toReplace.stream().sorted(BY_REPLICA).forEach(this::replace);
    }

    /** App containers of services the mode does not run (the mode was switched) go last, after their successors. */
    private void planRetiredServices() {
        String cause = "not in " + desired.mode().label() + " mode";
        List<ObservedContainer> retired = appContainers().filter(c -> !desired.mode().hasService(c.service()))
                .sorted(Comparator.comparing(ObservedContainer::service).thenComparing(BY_REPLICA.reversed()))
                .toList();
        scaleDown(retired, cause, c -> cause);
    }

    private void awaitReady(ObservedContainer container) {
        steps.add(new WaitReady(container.ref(), NOT_READY));
        routing.include(container.service(), container.replica());
        routing.apply(NOT_READY).ifPresent(steps::add);
    }

    /**
     * While a service has no replica serving, its new replicas boot side by side, which is the fastest way up. Once it
     * serves, they boot one after another: a booting JVM takes all the CPU it can get, and two side by side would
     * slow each other and the replicas that serve. The first new replica so takes traffic soonest. Either way, each
     * joins nginx as soon as it is ready, so one that never gets ready does not keep the others out.
     */
    private void scaleUp(String service, int count) {
        List<ContainerRef> booting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ContainerRef replica = ContainerRef.app(desired.stack(), service, claimLowestFreeReplica(service));
            createAndStart(replica, appConfigHash, SCALE_UP);
            booting.add(replica);
            if (routing.serves(service)) {
                join(booting);
            }
        }
        join(booting);
    }

    private void join(List<ContainerRef> booting) {
        for (ContainerRef replica : booting) {
            steps.add(new WaitReady(replica, SCALE_UP));
            routing.include(replica.service(), replica.replica());
            routing.apply(SCALE_UP).ifPresent(steps::add);
        }
        booting.clear();
    }

    /** Remove from nginx, let it drain, then stop and remove: no request is sent to a stopping replica. */
    private void scaleDown(List<ObservedContainer> victims, String cause, Function<ObservedContainer, String> causeOf) {
        if (victims.isEmpty()) {
            return;
        }
        victims.forEach(c -> routing.exclude(c.service(), c.replica()));
        Optional<Operation> reroute = routing.apply(cause);
        reroute.ifPresent(steps::add);
        if (reroute.isPresent() && victims.stream().anyMatch(ObservedContainer::isServing)) {
            steps.add(new WaitDrain(DRAIN_TIME, cause));
        }
        victims.forEach(c -> stopAndRemove(c, causeOf.apply(c)));
    }

    /**
     * The replacement gets a new replica number and is ready and routed before the old one leaves nginx, so the
     * service never drops to zero ready replicas because of the replacement.
     */
    private void replace(ObservedContainer old) {
        String reason = staleness(old).orElseThrow();
        String cause = "replaces " + old.ref().resourceId();
        ContainerRef replacement =
                ContainerRef.app(desired.stack(), old.service(), claimLowestFreeReplica(old.service()));
        createAndStart(replacement, appConfigHash, cause);
        steps.add(new WaitReady(replacement, cause));
        routing.include(replacement.service(), replacement.replica());
        routing.exclude(old.service(), old.replica());
        Optional<Operation> reroute = routing.apply(cause);
        reroute.ifPresent(steps::add);
        if (reroute.isPresent() && (old.isServing() || routedAsLastResort.contains(old.name()))) {
            steps.add(new WaitDrain(DRAIN_TIME, reason));
        }
        stopAndRemove(old, reason);
    }

    private void createAndStart(ContainerRef container, String configHash, String cause) {
        if (container.role().equals(Labels.ROLE_APP)) {
            grantDatabaseAccessOnce();
        }
        steps.add(new CreateContainer(container, configHash, cause));
        steps.add(new StartContainer(container, cause));
    }

    /**
     * Before the first app replica a plan creates, when the mode's services each have their own database user:
     * a new replica logs in as its service's user, and finds its schema (the monolith's data included) its own.
     */
    private void grantDatabaseAccessOnce() {
        if (databaseAccessGranted || !desired.mode().hasOwnDatabaseUsers()) {
            return;
        }
        steps.add(new GrantDatabaseAccess(desired.mode().services(), "a service logs in as its own user"));
        databaseAccessGranted = true;
    }

    private void stopAndRemove(ObservedContainer container, String cause) {
        if (container.state().needsStop()) {
            boolean failing = container.state() == RUNNING && container.readiness() == Readiness.FAILING;
            steps.add(new StopContainer(container.ref(), failing ? FAILING_STOP_TIMEOUT : STOP_TIMEOUT, cause));
        }
        steps.add(new RemoveContainer(container.ref(), cause));
    }

    /** Why an app container must be replaced or dropped; empty when it runs the desired config. */
    private Optional<String> staleness(ObservedContainer container) {
        if (container.state() != RUNNING) {
            return Optional.of(container.state().label());
        }
        if (container.readiness() == Readiness.FAILING) {
            return Optional.of(FAILING);
        }
        if (!container.configHash().equals(appConfigHash)) {
            return Optional.of(CONFIG_HASH_CHANGED);
        }
        return Optional.empty();
    }

    /** Fills gaps first, so numbers stay small and names predictable. */
    private int claimLowestFreeReplica(String service) {
        Set<Integer> taken = takenReplicas.computeIfAbsent(service, any -> new HashSet<>());
        int replica = 1;
        while (taken.contains(replica)) {
            replica++;
        }
        taken.add(replica);
        return replica;
    }

    /** Containers in {@code REMOVING} are already on their way out: nothing to plan for them. */
    private Stream<ObservedContainer> appContainers() {
        return observed.containers().stream().filter(c -> c.isApp() && c.state() != REMOVING);
    }

    private static List<ObservedContainer> highestReplicaFirst(Stream<ObservedContainer> containers) {
        return containers.sorted(BY_REPLICA.reversed()).toList();
    }
}
