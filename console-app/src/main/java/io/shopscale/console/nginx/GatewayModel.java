package io.shopscale.console.nginx;

import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the gateway config is rendered from: which replicas serve each service, by address.
 *
 * @param upstreams the ready replicas of each service. Services of the mode that are missing get an empty pool
 *                  (nginx answers 503 for them). Services of the other mode are kept as pools that no route uses:
 *                  while the mode is being switched, their replicas are still running. The copy kept here iterates
 *                  in the mode's service order, then the others by name, each pool by replica number, so equal
 *                  routing always renders to equal text and never causes a needless reload.
 * @param replicaConcurrency requests in flight per replica at most, beyond which a public request is turned away
 *                           with a 503 (0: no limit); see {@code Limits#replicaConcurrency}. Set on the balancer
 *                           with the backends, not rendered into the config: a new limit needs no reload
 */
public record GatewayModel(StackName stack, Mode mode, Map<String, List<UpstreamServer>> upstreams,
                           GatewayPorts ports, int replicaConcurrency) {

    private static final Comparator<UpstreamServer> BY_REPLICA = Comparator.comparingInt(UpstreamServer::replica);

    public GatewayModel {
        if (stack == null) {
            throw new ConfigValueException("stack name is missing");
        }
        ConfigValues.requireName("stack name", stack.value());
        if (mode == null) {
            throw new ConfigValueException("mode is missing");
        }
        if (upstreams == null) {
            throw new ConfigValueException("upstreams are missing");
        }
        if (ports == null) {
            throw new ConfigValueException("ports are missing");
        }
        if (replicaConcurrency < 0) {
            throw new ConfigValueException("replica concurrency " + replicaConcurrency + " is below 0");
        }
        upstreams = ordered(mode, upstreams);
    }

    /** With no limit of requests in flight per replica. */
    public GatewayModel(StackName stack, Mode mode, Map<String, List<UpstreamServer>> upstreams, GatewayPorts ports) {
        this(stack, mode, upstreams, ports, 0);
    }

    /** With the default ports and no limit of requests in flight per replica. */
    public GatewayModel(StackName stack, Mode mode, Map<String, List<UpstreamServer>> upstreams) {
        this(stack, mode, upstreams, GatewayPorts.DEFAULT);
    }

    /**
     * Before any replica is ready, e.g. when nginx starts: every pool is empty and every API route answers 503.
     *
     * @param replicaConcurrency as in the record
     */
    public static GatewayModel withNoReplicas(StackName stack, Mode mode, int replicaConcurrency) {
        return new GatewayModel(stack, mode, Map.of(), GatewayPorts.DEFAULT, replicaConcurrency);
    }

    private static Map<String, List<UpstreamServer>> ordered(Mode mode, Map<String, List<UpstreamServer>> given) {
        if (given.keySet().stream().anyMatch(Objects::isNull)) {
            throw new ConfigValueException("an upstream pool names no service");
        }
        Map<String, List<UpstreamServer>> ordered = new LinkedHashMap<>();
        mode.services().forEach(service -> ordered.put(service, validPool(service, given.get(service))));
        new TreeSet<>(given.keySet()).stream()
                .filter(service -> !mode.hasService(service))
                .forEach(service -> ordered.put(ConfigValues.requireName("service name", service),
                        validPool(service, given.get(service))));
        return Collections.unmodifiableMap(ordered);
    }

    private static List<UpstreamServer> validPool(String service, List<UpstreamServer> servers) {
        if (servers == null) {
            return List.of();
        }
        if (servers.stream().anyMatch(Objects::isNull)) {
            throw new ConfigValueException("the pool of " + service + " contains a missing server");
        }
        Set<Integer> replicas = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (UpstreamServer server : servers) {
            if (!replicas.add(server.replica())) {
                throw new ConfigValueException("the pool of " + service + " lists replica " + server.replica()
                        + " twice");
            }
            if (!addresses.add(server.address())) {
                throw new ConfigValueException("the pool of " + service + " lists address " + server.address()
                        + " twice");
            }
        }
        return servers.stream().sorted(BY_REPLICA).toList();
    }
}
