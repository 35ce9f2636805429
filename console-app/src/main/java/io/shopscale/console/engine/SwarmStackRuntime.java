package io.shopscale.console.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.shopscale.console.docker.AppImageBuilder;
import io.shopscale.console.docker.ContainerSpec;
import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.DockerPlanExecutor;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.nginx.RoutedBackend;
import io.shopscale.console.nginx.RoutingSnapshot;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.Planner;
import io.shopscale.console.plan.ResourceNames;
import io.shopscale.console.plan.SwarmPlanner;
import io.shopscale.console.plan.SwarmTask;
import io.shopscale.console.plan.SwarmTasks;
import io.shopscale.console.swarm.SwarmPlanExecutor;
import io.shopscale.console.swarm.SwarmServiceSpec;
import io.shopscale.console.swarm.SwarmStack;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.topology.UserText;

/**
 * One stack on Docker Swarm: each app tier a replicated service on the stack's attachable overlay network, whose
 * tasks Swarm schedules, replaces and stops; PostgreSQL, HAProxy and nginx standalone containers on this manager,
 * attached to the same network, as on the Docker engine. The wish, the infrastructure and nginx's routing work as
 * on the Docker engine; a task's slot is its replica number.
 */
final class SwarmStackRuntime implements StackRuntime {

    /**
     * How each task starts the app: on SIGTERM it keeps serving for {@link Planner#DRAIN_TIME} before the app
     * starts its graceful shutdown, so that the console takes it out of nginx (as soon as Swarm marks it for
     * shutdown) before it refuses a request. The stop grace period ({@link Planner#STOP_TIMEOUT}) covers both. The
     * app starts as the image's entrypoint does ({@link AppImageBuilder#LAUNCH}), with its class data archive.
     */
    static final List<String> COMMAND = List.of("sh", "-c",
            "trap 'sleep " + Planner.DRAIN_TIME.toSeconds() + "; kill -TERM \"$pid\"; wait \"$pid\"; exit $?' TERM; "
                    + String.join(" ", AppImageBuilder.LAUNCH) + " & pid=$!; wait \"$pid\"");
    /** Each task's hostname, and so the replica name it answers with: {@code <stack>-<tier>-<slot>}. */
    static final String HOSTNAME = "{{.Service.Name}}-{{.Task.Slot}}";

    private final DockerStack stack;
    private final SwarmStack swarm;
    private final StackName name;
    private final Path home;

    SwarmStackRuntime(DockerStack stack, SwarmStack swarm, StackName name, Path home) {
        this.stack = stack;
        this.swarm = swarm;
        this.name = name;
        this.home = home;
    }

    @Override
    public Optional<StackWish> wish() {
        return stack.readWish().flatMap(labels -> StackWish.fromLabels(name, labels));
    }

    @Override
    public void record(StackWish wish) {
        stack.writeWish(wish.labels(), wish.images().nginx());
    }

    @Override
    public ObservedStack observe(StackWish wish) {
        return observation(Optional.of(wish), Instant.now()).stack();
    }

    @Override
    public String appConfigHash(StackWish wish) {
        return specs(wish, addresses()).appConfigHash(wish.desired().mode().services());
    }

    @Override
    public Plan plan(StackWish wish) {
        return SwarmPlanner.plan(wish.desired(), observe(wish), swarm.services(), appConfigHash(wish));
    }

    @Override
    public void execute(StackWish wish, Plan plan, ShopEngine.EngineListener events) {
        StackAddresses addresses = addresses();
        NginxGateway gateway = gateway(wish, addresses, Map.of());
        ContainerSpecs specs = specs(wish, addresses);
        String appHash = specs.appConfigHash(wish.desired().mode().services());
        StackSecrets secrets = StackSecrets.forStack(home, name);
        DockerPlanExecutor infrastructure = new DockerPlanExecutor(stack, ResourceNames.network(name), addresses,
                container -> DockerStackRuntime.spec(specs, gateway, addresses, container, appHash),
                upstreams -> {
                    throw new IllegalStateException("routing goes through the Swarm executor");
                },
                services -> DatabaseUsers.grant(stack, specs.postgres().name(), services,
                        secrets::serviceDatabasePassword),
                container -> null);
        new SwarmPlanExecutor(swarm, infrastructure, addresses, service -> serviceSpec(specs, service, appHash),
                swarmGateway(gateway, events), Planner.DRAIN_TIME)
                .execute(plan, progress -> events.on(new EngineEvent.Step(progress)));
    }

    @Override
    public StackObservation observation(Optional<StackWish> wish, Instant now) {
        ObservedStack labelled = stack.observe();
        List<ObservedContainer> infrastructure = labelled.containers().stream().filter(c -> !c.isApp()).toList();
        List<SwarmTask> tasks = swarm.tasks();
        Optional<StackAddresses> addresses = stack.addresses();
        Map<String, String> byName = new HashMap<>();
        addresses.ifPresent(a -> infrastructure.forEach(c -> byName.put(c.name(), a.of(c.ref()))));
        boolean nginxRuns = infrastructure.stream()
                .anyMatch(c -> c.role().equals(Labels.ROLE_NGINX) && c.state() == ContainerState.RUNNING);
        if (wish.isEmpty() || addresses.isEmpty() || !nginxRuns) {
            List<ObservedContainer> all = new ArrayList<>(infrastructure);
            all.addAll(SwarmTasks.replicas(name, tasks, Map.of(), address -> false));
            return new StackObservation(labelled.with(all, nginxRuns ? Optional.empty() : Optional.of(Map.of())),
                    Optional.empty(), withTaskAddresses(byName, tasks));
        }
        NginxGateway gateway = gateway(wish.get(), addresses.get(), Map.of());
        Optional<RoutingSnapshot> snapshot = gateway.routing();
        Map<String, Map<Integer, String>> routed = snapshot.map(SwarmStackRuntime::routedAddresses).orElse(Map.of());
        Set<String> routedAddresses = new HashSet<>();
        routed.values().forEach(pool -> routedAddresses.addAll(pool.values()));
        List<String> running = tasks.stream().filter(t -> t.wanted() && t.running())
                .flatMap(t -> t.address().stream()).toList();
        Map<String, Boolean> answers = probe().readyAll(running);
        List<ObservedContainer> all = new ArrayList<>(infrastructure);
        all.addAll(SwarmTasks.replicas(name, tasks, answers, routedAddresses::contains));
        Optional<Map<String, List<Integer>>> routing = snapshot.flatMap(s -> SwarmTasks.routing(routed, tasks));
        boolean outdated = snapshot.map(gateway::holdsAnotherLimit).orElse(false);
        return new StackObservation(labelled.with(all, routing).withReplicaConcurrencyOutdated(outdated), snapshot,
                withTaskAddresses(byName, tasks));
    }

    /** Kills the task's container; Swarm sees the task fail and starts another in its slot. */
    @Override
    public void kill(String replica) {
        SwarmTask task = swarm.tasks().stream()
                .filter(t -> t.wanted() && !t.ended() && !t.containerId().isEmpty()
                        && ResourceNames.appContainer(name, t.service(), t.slot()).equals(replica))
                .findFirst()
                .orElseThrow(() -> new TopologyException(UserText.quote(replica) + " is not a running task of stack "
                        + name.value()));
        stack.kill(task.containerId());
    }

    /** The service of one tier: the replica's container spec as the Docker engine makes it, as a Swarm service. */
    static SwarmServiceSpec serviceSpec(ContainerSpecs specs, String service, String appHash) {
        ContainerSpec app = specs.app(ContainerRef.app(specs.stack(), service, 1), appHash);
        Map<String, String> labels = new HashMap<>(app.labels());
        labels.remove(Labels.REPLICA);
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        app.files().forEach((path, content) -> {
            if (!path.startsWith(ContainerSpecs.SECRETS)) {
                throw new IllegalStateException(path + " is not a secret; a Swarm task receives only secrets");
            }
            secrets.put(path.substring(ContainerSpecs.SECRETS.length()), content);
        });
        return new SwarmServiceSpec(ResourceNames.swarmService(specs.stack(), service), app.image(), labels,
                app.environment(), COMMAND, secrets, app.volumes(), ResourceNames.network(specs.stack()), HOSTNAME,
                ContainerSpecs.appReadinessCheck(), app.cpus(), app.memoryBytes(), Planner.STOP_TIMEOUT);
    }

    private SwarmPlanExecutor.Gateway swarmGateway(NginxGateway gateway, ShopEngine.EngineListener events) {
        return new SwarmPlanExecutor.Gateway() {
            @Override
            public Optional<Map<String, Map<Integer, String>>> routed() {
                return gateway.routing().map(SwarmStackRuntime::routedAddresses);
            }

            @Override
            public void route(Map<String, Map<Integer, String>> backends) {
                boolean reloaded = gateway.applyAt(backends).reloaded();
                Map<String, List<Integer>> upstreams = new LinkedHashMap<>();
                backends.forEach((service, pool) -> upstreams.put(service, pool.keySet().stream().sorted().toList()));
                events.on(new EngineEvent.RoutingChanged(upstreams, reloaded));
            }

            @Override
            public Map<String, Boolean> ready(List<String> addresses) {
                return probe().readyAll(addresses);
            }
        };
    }

    /** The addresses nginx routes to, per service and replica number, without the port. */
    private static Map<String, Map<Integer, String>> routedAddresses(RoutingSnapshot snapshot) {
        Map<String, Map<Integer, String>> routed = new HashMap<>();
        snapshot.pools().forEach((service, backends) -> {
            Map<Integer, String> pool = new HashMap<>();
            for (RoutedBackend backend : backends) {
                pool.put(backend.replica(), backend.address().replaceFirst(":\\d+$", ""));
            }
            routed.put(service, pool);
        });
        return routed;
    }

    private Map<String, String> withTaskAddresses(Map<String, String> byName, List<SwarmTask> tasks) {
        Map<String, String> all = new HashMap<>(byName);
        tasks.stream().filter(t -> t.wanted() && !t.ended() && t.address().isPresent())
                .forEach(t -> all.put(ResourceNames.appContainer(name, t.service(), t.slot()), t.address().get()));
        return all;
    }

    private ProbeFromNginx probe() {
        return new ProbeFromNginx(new DockerContainerShell(stack,
                ResourceNames.infrastructureContainer(name, Labels.ROLE_NGINX)));
    }

    private StackAddresses addresses() {
        return DockerStackRuntime.addresses(stack);
    }

    private ContainerSpecs specs(StackWish wish, StackAddresses addresses) {
        return new ContainerSpecs(name, wish.settings(), addresses, StackSecrets.forStack(home, name), wish.images());
    }

    /** @param tasks the address of each running task by service and replica number, for routing by number */
    private NginxGateway gateway(StackWish wish, StackAddresses addresses, Map<String, Map<Integer, String>> tasks) {
        return new NginxGateway(stack, name, wish.desired().limits(), wish.desired().mode(), (service, replica) -> {
            String address = tasks.getOrDefault(service, Map.of()).get(replica);
            if (address == null) {
                throw new IllegalStateException("no running task of " + service + " in slot " + replica);
            }
            return address;
        }, ResourceNames.infrastructureContainer(name, Labels.ROLE_NGINX));
    }
}
