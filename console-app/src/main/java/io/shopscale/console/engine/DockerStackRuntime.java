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

    /** The stack, and nginx's routing as it was read: with each replica's slow start, for the status. */
    record Observation(ObservedStack stack, Optional<RoutingSnapshot> routing) {
    }

    /** As {@link #observe(StackWish)}, with nginx's routing snapshot; the stack's labels alone without a wish. */
    Observation observation(Optional<StackWish> wish, Instant now) {
        Optional<StackAddresses> addresses = stack.addresses();
        if (wish.isEmpty() || addresses.isEmpty()) {
            return new Observation(stack.observe(), Optional.empty());
        }
        return observe(addresses.get(), gateway(wish.get(), addresses.get()), now);
    }

    /**
     * The stack as it is: containers from their labels, each running replica's readiness from the engine's own probe
     * (Docker's health status lags by tens of seconds), and what nginx routes to, read back from nginx.
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
        return new Observation(labelled.with(containers, routing), snapshot);
    }

    /** The stack's addresses; a free subnet when it has no network yet. */
    private StackAddresses addresses() {
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
        return new NginxGateway(stack, name, wish.desired().mode(), addresses,
                ResourceNames.infrastructureContainer(name, Labels.ROLE_NGINX));
    }

    private BooleanSupplier readinessCheck(StackAddresses addresses, ContainerRef container) {
        if (!container.role().equals(Labels.ROLE_APP)) {
            return null;
        }
        String address = addresses.of(container);
        return () -> probe.ready(address, ContainerSpecs.APP_PORT);
    }

    private static ContainerSpec spec(ContainerSpecs specs, NginxGateway gateway, StackAddresses addresses,
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
