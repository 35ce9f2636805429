package io.shopscale.console.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.shopscale.console.docker.ContainerSpec;
import io.shopscale.console.docker.DockerPlanExecutor;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.fault.FaultTarget;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.health.ReadinessProbe;
import io.shopscale.console.nginx.RoutingSnapshot;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.ContainerState;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ObservedContainer;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.ResourceNames;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.topology.UserText;

/**
 * One stack on the Docker engine: the wish as labels of a never-started container, containers found by label, each
 * replica's readiness from the engine's own probe, nginx's routing read back from nginx, and a plan carried out one
 * Docker call per step.
 */
final class DockerStackRuntime implements StackRuntime {

    private final DockerStack stack;
    private final StackName name;
    private final Path home;
    private final ReadinessProbe probe;

    DockerStackRuntime(DockerStack stack, StackName name, Path home, ReadinessProbe probe) {
        this.stack = stack;
        this.name = name;
        this.home = home;
        this.probe = probe;
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
        StackAddresses addresses = addresses();
        return observe(addresses, gateway(wish, addresses), Instant.now()).stack();
    }

    @Override
    public String appConfigHash(StackWish wish) {
        return specs(wish, addresses()).appConfigHash(wish.desired().mode().services());
    }

    @Override
    public void execute(StackWish wish, Plan plan, ShopEngine.EngineListener events) {
        StackAddresses addresses = addresses();
        NginxGateway gateway = gateway(wish, addresses);
        ContainerSpecs specs = specs(wish, addresses);
        String appHash = specs.appConfigHash(wish.desired().mode().services());
        StackSecrets secrets = StackSecrets.forStack(home, name);
        new DockerPlanExecutor(stack, ResourceNames.network(name), addresses,
                container -> spec(specs, gateway, addresses, container, appHash),
                upstreams -> events.on(new EngineEvent.RoutingChanged(upstreams,
                        gateway.apply(upstreams).reloaded())),
                services -> DatabaseUsers.grant(stack, specs.postgres().name(), services,
                        secrets::serviceDatabasePassword),
                container -> readinessCheck(addresses, container))
                .execute(plan, progress -> events.on(new EngineEvent.Step(progress)));
    }

    @Override
    public void thaw() {
        stack.pausedContainers().forEach(stack::unpause);
    }

    @Override
    public void applyFaults(StackWish wish, FaultsInForce faults, boolean payments) {
        List<String> frozen = faults.frozen().stream().map(this::container).toList();
        stack.pausedContainers().stream().filter(paused -> !frozen.contains(paused)).forEach(stack::unpause);
        for (ObservedContainer replica : stack.observe().containers()) {
            if (replica.isApp() && replica.state().needsStop()) {
                double cpus = faults.cpusOf(new FaultTarget(replica.service(), replica.replica()))
                        .orElse(wish.desired().limits().cpus());
                if (cpus > 0) {
                    stack.limitCpus(replica.name(), cpus);
                }
            }
        }
        if (payments) {
            // The simulation is a row in the database: a frozen database must answer while it changes.
            stack.unpause(container(FaultTarget.DATABASE));
            new PaymentsSimulation(addresses().of(ContainerRef.infrastructure(name, Labels.ROLE_NGINX)),
                    StackSecrets.forStack(home, name).internalToken())
                    .set(faults.paymentsLatency(), faults.paymentsFailureRate());
        }
        frozen.forEach(stack::pause);
    }

    /** The container a fault target names. */
    String container(FaultTarget target) {
        return target.isDatabase() ? ResourceNames.infrastructureContainer(name, Labels.ROLE_POSTGRES)
                : ResourceNames.appContainer(name, target.service(), target.replica());
    }

    @Override
    public StackObservation observation(Optional<StackWish> wish, Instant now) {
        Optional<StackAddresses> addresses = stack.addresses();
        if (wish.isEmpty() || addresses.isEmpty()) {
            return new StackObservation(stack.observe(), Optional.empty(), Map.of());
        }
        Observation observed = observe(addresses.get(), gateway(wish.get(), addresses.get()), now);
        Map<String, String> byName = new java.util.HashMap<>();
        observed.stack().containers().forEach(c -> byName.put(c.name(), addresses.get().of(c.ref())));
        return new StackObservation(observed.stack(), observed.routing(), byName);
    }

    @Override
    public void kill(String replica) {
        boolean isReplica = stack.observe().containers().stream()
                .anyMatch(c -> c.isApp() && c.name().equals(replica));
        if (!isReplica) {
            throw new TopologyException(UserText.quote(replica) + " is not a replica of stack " + name.value());
        }
        stack.kill(replica);
    }

    /** The stack, and nginx's routing as it was read. */
    private record Observation(ObservedStack stack, Optional<RoutingSnapshot> routing) {
    }

    /**
     * The stack as it is: containers from their labels, each running replica's readiness from the engine's own probe
     * (Docker's health status lags by tens of seconds), and what nginx routes to, read back from nginx, with the limit
     * of requests in flight it holds each replica to.
     */
    private Observation observe(StackAddresses addresses, NginxGateway gateway, Instant now) {
        ObservedStack labelled = stack.observe();
        List<ObservedContainer> running = labelled.containers().stream()
                .filter(c -> c.isApp() && c.state() == ContainerState.RUNNING).toList();
        Map<String, Boolean> answers = probe.readyAll(running.stream().map(c -> addresses.of(c.ref())).toList(),
                ContainerSpecs.APP_PORT);
        boolean nginxRuns = labelled.containers().stream()
                .anyMatch(c -> c.role().equals(Labels.ROLE_NGINX) && c.state() == ContainerState.RUNNING);
        Optional<RoutingSnapshot> snapshot = nginxRuns ? gateway.routing() : Optional.empty();
        Optional<Map<String, List<Integer>>> routing = nginxRuns ? snapshot.map(RoutingSnapshot::replicas)
                : Optional.of(Map.of());
        List<ObservedContainer> containers = labelled.containers().stream().map(c -> running.contains(c)
                ? c.withReadiness(ReplicaReadiness.of(c, answers.get(addresses.of(c.ref())), routing))
                : c).toList();
        boolean outdated = snapshot.map(gateway::holdsAnotherLimit).orElse(false);
        return new Observation(labelled.with(containers, routing).withReplicaConcurrencyOutdated(outdated), snapshot);
    }

    /** The stack's addresses; a free subnet when it has no network yet. */
    private StackAddresses addresses() {
        return addresses(stack);
    }

    /** The addresses of {@code stack}'s network; a free subnet when it has no network yet. */
    static StackAddresses addresses(DockerStack stack) {
        return stack.addresses().orElseGet(() -> {
            var used = stack.usedSubnets();
            return StackAddresses.candidateSubnets().stream().filter(subnet -> !used.contains(subnet))
                    .map(StackAddresses::new).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No free 172.29.x.0/24 subnet for the stack network"));
        });
    }

    private ContainerSpecs specs(StackWish wish, StackAddresses addresses) {
        return new ContainerSpecs(name, wish.settings(), addresses, StackSecrets.forStack(home, name),
                wish.images());
    }

    private NginxGateway gateway(StackWish wish, StackAddresses addresses) {
        return new NginxGateway(stack, name, wish.desired().limits(), wish.desired().mode(), addresses,
                ResourceNames.infrastructureContainer(name, Labels.ROLE_NGINX));
    }

    private BooleanSupplier readinessCheck(StackAddresses addresses, ContainerRef container) {
        if (!container.role().equals(Labels.ROLE_APP)) {
            return null;
        }
        String address = addresses.of(container);
        return () -> probe.ready(address, ContainerSpecs.APP_PORT);
    }

    static ContainerSpec spec(ContainerSpecs specs, NginxGateway gateway, StackAddresses addresses,
            ContainerRef container, String appHash) {
        return switch (container.role()) {
            case Labels.ROLE_POSTGRES -> specs.postgres(container);
            case Labels.ROLE_HAPROXY -> specs.haproxy(container, NginxGateway.haproxyConfig(specs.stack(),
                    specs.postgres(), addresses.of(specs.postgres())));
            case Labels.ROLE_NGINX -> specs.nginx(container, gateway.initialConfig());
            default -> specs.app(container, appHash);
        };
    }
}
