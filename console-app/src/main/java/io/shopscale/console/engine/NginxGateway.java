package io.shopscale.console.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.nginx.Applied;
import io.shopscale.console.nginx.GatewayModel;
import io.shopscale.console.nginx.GatewayPorts;
import io.shopscale.console.nginx.HaproxyConfigRenderer;
import io.shopscale.console.nginx.HaproxyModel;
import io.shopscale.console.nginx.NginxConfigRenderer;
import io.shopscale.console.nginx.NginxConfigurator;
import io.shopscale.console.nginx.NginxUnreachableException;
import io.shopscale.console.nginx.ReplicaWarmUp;
import io.shopscale.console.nginx.RoutedBackend;
import io.shopscale.console.nginx.RoutingSnapshot;
import io.shopscale.console.nginx.UpstreamServer;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/**
 * Connects the plan's upstream steps to the stack's nginx: replica numbers become addresses, set as the balancer's
 * backends, and the config is reloaded when its shape changed. Reads back what nginx routes to.
 */
final class NginxGateway {

    private final StackName stack;
    private final Mode mode;
    private final int replicaConcurrency;
    private final ReplicaAddresses addresses;
    private final NginxConfigRenderer renderer = NginxConfigRenderer.withDefaultTemplates();
    private final NginxConfigurator configurator;
    private final ReplicaWarmUp warmUp;

    /** Where a replica answers: its IPv4 address on the stack's network. */
    @FunctionalInterface
    interface ReplicaAddresses {
        String of(String service, int replica);
    }

    /** A gateway of the Docker engine, whose replicas have fixed addresses. */
    NginxGateway(DockerStack docker, StackName stack, Limits limits, Mode mode, StackAddresses addresses,
                 String container) {
        this(docker, stack, limits, mode, (service, replica) -> addresses.of(ContainerRef.app(stack, service, replica)),
                container);
    }

    /** @param limits the stack's limits per replica, of which the gateway enforces the requests in flight */
    NginxGateway(DockerStack docker, StackName stack, Limits limits, Mode mode, ReplicaAddresses addresses,
                 String container) {
        this.stack = stack;
        this.mode = mode;
        this.replicaConcurrency = limits.replicaConcurrency();
        this.addresses = addresses;
        DockerContainerShell nginx = new DockerContainerShell(docker, container);
        this.configurator = new NginxConfigurator(renderer, nginx);
        this.warmUp = new ReplicaWarmUp(nginx);
    }

    /**
     * Whether nginx holds its replicas to a limit of requests in flight other than the stack's: true once the stack's
     * replica concurrency changed (or was never set on this nginx), until the next {@link #apply} sets it.
     *
     * @param routing what nginx routes to now, read back from it
     */
    boolean holdsAnotherLimit(RoutingSnapshot routing) {
        return !routing.replicaConcurrency().equals(OptionalInt.of(replicaConcurrency));
    }

    /** The config nginx starts with: every pool empty until a replica is ready. */
    String initialConfig() {
        return renderer.render(GatewayModel.withNoReplicas(stack, mode, replicaConcurrency));
    }

    /**
     * Routes each service to exactly these replicas, with no reload unless the config's shape changes. Every replica
     * that joins starts its slow start when it is routed; one that joins a monolith or catalog pool that already
     * serves is then warmed up before this returns (at most {@link ReplicaWarmUp#BUDGET}), so that the next replica
     * starts only once this one is warm.
     *
     * @param replicas replica numbers per service, the shape of {@code Operation.UpdateUpstreams.upstreams()}
     * @throws io.shopscale.console.nginx.NginxApplyException when nginx does not take the change
     */
    Applied apply(Map<String, List<Integer>> replicas) {
        Map<String, Map<Integer, String>> backends = new LinkedHashMap<>();
        replicas.forEach((service, numbers) -> {
            Map<Integer, String> pool = new LinkedHashMap<>();
            numbers.forEach(replica -> pool.put(replica, addresses.of(service, replica)));
            backends.put(service, pool);
        });
        return applyAt(backends);
    }

    /**
     * As {@link #apply}, with each replica's address given: per service, replica number to IPv4 address (a Swarm
     * task's address is Swarm's choice).
     */
    Applied applyAt(Map<String, Map<Integer, String>> backends) {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        backends.forEach((service, pool) -> upstreams.put(service, pool.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(backend -> new UpstreamServer(backend.getKey(),
                        ContainerRef.app(stack, service, backend.getKey()).name(),
                        backend.getValue() + ":" + ContainerSpecs.APP_PORT))
                .toList()));
        List<String> joining = joiningWarmedPools(backends);
        Applied applied = configurator.apply(new GatewayModel(stack, mode, upstreams, GatewayPorts.DEFAULT,
                replicaConcurrency));
        warmUp.warm(joining);
        return applied;
    }

    /**
     * The {@code address:port} of the replicas about to join a pool that already serves, in the pools that are
     * warmed up (ReplicaWarmUp says why). A replica joining an empty pool takes all of its requests at once, and
     * warms up on them.
     */
    private List<String> joiningWarmedPools(Map<String, Map<Integer, String>> backends) {
        Map<String, List<String>> routedNow = routedAddresses().orElse(Map.of());
        List<String> joining = new ArrayList<>();
        backends.forEach((service, pool) -> {
            List<String> serving = routedNow.getOrDefault(service, List.of());
            if (!serving.isEmpty() && ReplicaWarmUp.warms(service)) {
                pool.values().stream().map(address -> address + ":" + ContainerSpecs.APP_PORT)
                        .filter(address -> !serving.contains(address)).forEach(joining::add);
            }
        });
        return joining;
    }

    /** The {@code address:port} of each backend nginx routes to now, per service; empty when nginx does not answer. */
    private Optional<Map<String, List<String>>> routedAddresses() {
        return routing().map(snapshot -> {
            Map<String, List<String>> pools = new LinkedHashMap<>();
            snapshot.pools().forEach((service, routed) -> pools.put(service,
                    routed.stream().map(RoutedBackend::address).toList()));
            return pools;
        });
    }

    /**
     * The replica numbers each service is routed to now, read back from the running nginx: the same shape as
     * {@link #apply}'s argument, services by name, replicas ascending, a service with no replica as an empty list.
     *
     * @return empty when nginx does not answer (its container is stopped or gone, or runs an image without the Lua
     *         balancer): what it routes to is then unknown
     */
    Optional<Map<String, List<Integer>>> routed() {
        return routing().map(RoutingSnapshot::replicas);
    }

    /** What nginx routes to now, with each replica's join time and the end of its slow start; empty as above. */
    Optional<RoutingSnapshot> routing() {
        try {
            return Optional.of(configurator.routed());
        } catch (NginxUnreachableException e) {
            return Optional.empty();
        }
    }

    static String haproxyConfig(StackName stack, ContainerRef postgres, String postgresAddress) {
        return HaproxyConfigRenderer.withDefaultTemplates().render(new HaproxyModel(stack, postgres.name(),
                postgresAddress + ":5432", ContainerSpecs.DATABASE_USER));
    }
}
