package io.shopscale.console.swarm;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.shopscale.console.docker.DockerPlanExecutor;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.plan.Operation;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.PlanExecutor;
import io.shopscale.console.plan.PlanFailedException;
import io.shopscale.console.plan.ProgressEvent;
import io.shopscale.console.plan.ProgressListener;
import io.shopscale.console.plan.SwarmTask;
import io.shopscale.console.plan.SwarmTasks;

/**
 * Carries out a plan for a stack whose app tiers are Swarm services: the service steps as Swarm calls, following
 * the tasks Swarm starts and stops with nginx's routing; every other step (network aside: an overlay here) as the
 * Docker engine's executor does it. It makes no decisions beyond following what Swarm does.
 */
public final class SwarmPlanExecutor implements PlanExecutor {

    /** nginx, as the executor needs it while it follows tasks. */
    public interface Gateway {

        /** The addresses nginx routes to now, per service and replica number; empty when it cannot be read. */
        Optional<Map<String, Map<Integer, String>>> routed();

        /** Makes nginx route exactly these: per service, replica number to address (every service present). */
        void route(Map<String, Map<Integer, String>> backends);

        /** Whether each address answers the app's readiness probe now, asked from inside the stack's network. */
        Map<String, Boolean> ready(List<String> addresses);
    }

    /** How often the tasks are looked at while they are followed: a task marked for shutdown leaves nginx in time. */
    static final Duration FOLLOW_POLL = Duration.ofMillis(250);
    private static final Duration FOLLOW_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    private final SwarmStack swarm;
    private final DockerPlanExecutor infrastructure;
    private final StackAddresses addresses;
    private final Function<String, SwarmServiceSpec> specs;
    private final Gateway gateway;
    private final Duration drain;
    /** Services whose definition this executor changed: a rolled back update of theirs fails the plan. */
    private final Set<String> deployed = new HashSet<>();

    /**
     * @param specs each tier's service definition, by tier
     * @param drain how long nginx's old workers get to finish requests before a removed service stops
     */
    public SwarmPlanExecutor(SwarmStack swarm, DockerPlanExecutor infrastructure, StackAddresses addresses,
            Function<String, SwarmServiceSpec> specs, Gateway gateway, Duration drain) {
        this.swarm = swarm;
        this.infrastructure = infrastructure;
        this.addresses = addresses;
        this.specs = specs;
        this.gateway = gateway;
        this.drain = drain;
    }

    @Override
    public void execute(Plan plan, ProgressListener listener) {
        List<Operation> operations = plan.operations();
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            int step = i + 1;
            listener.onProgress(new ProgressEvent.StepStarted(operation, step, operations.size()));
            Instant started = Instant.now();
            try {
                run(operation);
            } catch (RuntimeException e) {
                listener.onProgress(new ProgressEvent.StepFailed(operation, step, operations.size(),
                        Duration.between(started, Instant.now()), e.getMessage()));
                throw new PlanFailedException(operation, e.getMessage(), e);
            }
            listener.onProgress(new ProgressEvent.StepFinished(operation, step, operations.size(),
                    Duration.between(started, Instant.now())));
        }
    }

    private void run(Operation operation) {
        if (operation instanceof Operation.CreateNetwork create) {
            swarm.createNetwork(create.name(), addresses.subnet(), addresses.gateway(), addresses.taskRange());
        } else if (operation instanceof Operation.DeployService deploy) {
            swarm.deploy(specs.apply(deploy.service()), deploy.replicas());
            deployed.add(deploy.service());
        } else if (operation instanceof Operation.ScaleService scale) {
            swarm.scale(specs.apply(scale.service()).name(), scale.replicas());
        } else if (operation instanceof Operation.FollowTasks follow) {
            follow(follow.service(), follow.replicas());
        } else if (operation instanceof Operation.RemoveService remove) {
            Map<String, Map<Integer, String>> routed = new LinkedHashMap<>(gateway.routed().orElse(Map.of()));
            routed.put(remove.service(), Map.of());
            gateway.route(routed);
            SwarmStack.sleep(drain);
            swarm.removeService(specs.apply(remove.service()).name());
        } else if (operation instanceof Operation.UpdateUpstreams update) {
            Map<String, Map<Integer, String>> running = SwarmTasks.addresses(swarm.tasks());
            Map<String, Map<Integer, String>> backends = new LinkedHashMap<>();
            update.upstreams().forEach((service, replicas) -> {
                Map<Integer, String> pool = new HashMap<>();
                replicas.forEach(replica -> Optional.ofNullable(running.getOrDefault(service, Map.of()).get(replica))
                        .ifPresent(address -> pool.put(replica, address)));
                backends.put(service, pool);
            });
            gateway.route(backends);
        } else {
            infrastructure.run(operation);
        }
    }

    /**
     * Until exactly {@code replicas} tasks that Swarm wants run the service's current definition and are ready, and
     * none that it marked for shutdown still runs: routes nginx to each task once it is ready, and away from each
     * one as soon as Swarm marks it for shutdown. A task nginx routes to when this starts counts as ready.
     */
    private void follow(String service, int replicas) {
        String serviceName = specs.apply(service).name();
        String configHash = specs.apply(service).labels().getOrDefault(io.shopscale.console.plan.Labels.CONFIG_HASH,
                "");
        Map<String, Map<Integer, String>> routing = new LinkedHashMap<>(gateway.routed().orElse(Map.of()));
        Set<String> serving = new HashSet<>(routing.getOrDefault(service, Map.of()).values());
        // The tasks known to be ready. One that nginx routes to was ready when it joined: a probe that it answers
        // late while busy must not take it out (the routing guard takes out the tasks that stop answering).
        Set<String> ready = swarm.tasks(serviceName).stream()
                .filter(task -> task.running() && task.address().filter(serving::contains).isPresent())
                .map(SwarmTask::id).collect(Collectors.toCollection(HashSet::new));
        Instant deadline = Instant.now().plus(FOLLOW_TIMEOUT);
        String lastSeen = "";
        Instant lastProbe = Instant.MIN;
        while (true) {
            List<SwarmTask> tasks = swarm.tasks(serviceName).stream().filter(task -> !task.ended()).toList();
            List<SwarmTask> unknown = tasks.stream().filter(task -> task.wanted() && task.running()
                    && task.address().isPresent() && !ready.contains(task.id())).toList();
            // Each probe is a process in nginx's container: twice a second is soon enough for a booting task.
            if (!unknown.isEmpty() && Instant.now().isAfter(lastProbe.plus(PROBE_INTERVAL))) {
                lastProbe = Instant.now();
                Map<String, Boolean> answers = gateway.ready(unknown.stream().map(task -> task.address().get())
                        .toList());
                unknown.stream().filter(task -> answers.getOrDefault(task.address().get(), false))
                        .forEach(task -> ready.add(task.id()));
            }
            Map<Integer, String> target = tasks.stream()
                    .filter(task -> task.wanted() && task.running() && task.address().isPresent()
                            && ready.contains(task.id()))
                    .collect(Collectors.toMap(SwarmTask::slot, task -> task.address().get(), (a, b) -> a));
            if (!target.equals(routing.get(service))) {
                routing.put(service, target);
                gateway.route(routing);
            }
            List<SwarmTask> wanted = tasks.stream().filter(SwarmTask::wanted).toList();
            boolean current = wanted.stream().allMatch(task -> task.configHash().equals(configHash));
            boolean leaving = tasks.stream().anyMatch(task -> !task.wanted());
            if (target.size() == replicas && wanted.size() == replicas && current && !leaving) {
                return;
            }
            if (deployed.contains(service)) {
                swarm.updateFailure(serviceName).ifPresent(failure -> {
                    throw new IllegalStateException(serviceName + ": Swarm did not complete the update: " + failure);
                });
            }
            lastSeen = tasks.stream().map(task -> "slot " + task.slot() + " " + task.state()
                    + (task.wanted() ? "" : " (marked for " + task.desiredState() + ")")
                    + (task.error().isEmpty() ? "" : ": " + task.error())).collect(Collectors.joining(", "));
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(serviceName + " did not reach " + replicas + " ready tasks within "
                        + FOLLOW_TIMEOUT.toMinutes() + " min; its tasks: " + lastSeen);
            }
            SwarmStack.sleep(FOLLOW_POLL);
        }
    }
}
