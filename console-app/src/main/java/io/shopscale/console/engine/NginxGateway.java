package io.shopscale.console.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.nginx.Applied;
import io.shopscale.console.nginx.GatewayModel;
import io.shopscale.console.nginx.HaproxyConfigRenderer;
import io.shopscale.console.nginx.HaproxyModel;
import io.shopscale.console.nginx.NginxConfigRenderer;
import io.shopscale.console.nginx.NginxConfigurator;
import io.shopscale.console.nginx.NginxUnreachableException;
import io.shopscale.console.nginx.ReplicaWarmUp;
import io.shopscale.console.nginx.RoutingSnapshot;
import io.shopscale.console.nginx.UpstreamServer;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/**
 * Connects the plan's upstream steps to the stack's nginx: replica numbers become addresses, set as the balancer's
 * backends, and the config is reloaded when its shape changed. Reads back what nginx routes to.
 */
final class NginxGateway {

    private final StackName stack;
    private final Mode mode;
    private final StackAddresses addresses;
    private final NginxConfigRenderer renderer = NginxConfigRenderer.withDefaultTemplates();
    private final NginxConfigurator configurator;
    private final ReplicaWarmUp warmUp;

    NginxGateway(DockerStack docker, StackName stack, Mode mode, StackAddresses addresses, String container) {
        this.stack = stack;
        this.mode = mode;
        this.addresses = addresses;
        DockerContainerShell nginx = new DockerContainerShell(docker, container);
        this.configurator = new NginxConfigurator(renderer, nginx);
        this.warmUp = new ReplicaWarmUp(nginx);
    }

    /** The config nginx starts with: every pool empty until a replica is ready. */
    String initialConfig() {
        return renderer.render(GatewayModel.withNoReplicas(stack, mode));
    }

    /**
     * Routes each service to exactly these replicas, with no reload unless the config's shape changes. A replica
     * that joins a monolith or catalog pool that already serves is warmed up first (at most
     * {@link ReplicaWarmUp#BUDGET}); every replica that joins starts its slow start when it is routed.
     *
     * @param replicas replica numbers per service, the shape of {@code Operation.UpdateUpstreams.upstreams()}
     * @throws io.shopscale.console.nginx.NginxApplyException when nginx does not take the change
     */
    Applied apply(Map<String, List<Integer>> replicas) {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        replicas.forEach((service, numbers) -> upstreams.put(service, numbers.stream()
                .map(replica -> new UpstreamServer(replica, ContainerRef.app(stack, service, replica).name(),
                        address(service, replica)))
                .toList()));
        warmUpJoining(replicas);
        return configurator.apply(new GatewayModel(stack, mode, upstreams));
    }

    /**
     * Warms up the replicas that are about to join a pool that already serves (ReplicaWarmUp says why). A replica
     * joining an empty pool takes all of its requests at once however warm it is, and warming it would only keep the
     * service unavailable longer.
     */
    private void warmUpJoining(Map<String, List<Integer>> replicas) {
        Map<String, List<Integer>> routedNow = routed().orElse(Map.of());
        List<String> joining = new ArrayList<>();
        replicas.forEach((service, numbers) -> {
            List<Integer> serving = routedNow.getOrDefault(service, List.of());
            if (!serving.isEmpty() && ReplicaWarmUp.warms(service)) {
                numbers.stream().filter(replica -> !serving.contains(replica))
                        .forEach(replica -> joining.add(address(service, replica)));
            }
        });
        warmUp.warm(joining);
    }

    private String address(String service, int replica) {
        return addresses.of(ContainerRef.app(stack, service, replica)) + ":" + ContainerSpecs.APP_PORT;
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
