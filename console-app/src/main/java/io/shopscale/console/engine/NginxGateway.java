package io.shopscale.console.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.nginx.Applied;
import io.shopscale.console.nginx.GatewayModel;
import io.shopscale.console.nginx.HaproxyConfigRenderer;
import io.shopscale.console.nginx.HaproxyModel;
import io.shopscale.console.nginx.NginxConfigRenderer;
import io.shopscale.console.nginx.NginxConfigurator;
import io.shopscale.console.nginx.UpstreamServer;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/** Connects the plan's upstream steps to the stack's nginx: replica numbers become addresses, then a config. */
final class NginxGateway {

    private final StackName stack;
    private final Mode mode;
    private final StackAddresses addresses;
    private final NginxConfigRenderer renderer = NginxConfigRenderer.withDefaultTemplates();
    private final NginxConfigurator configurator;

    NginxGateway(DockerStack docker, StackName stack, Mode mode, StackAddresses addresses, String container) {
        this.stack = stack;
        this.mode = mode;
        this.addresses = addresses;
        this.configurator = new NginxConfigurator(renderer, new DockerContainerShell(docker, container));
    }

    /** The config nginx starts with: every pool empty until a replica is ready. */
    String initialConfig() {
        return renderer.render(GatewayModel.withNoReplicas(stack, mode));
    }

    Applied apply(Map<String, List<Integer>> replicas) {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        replicas.forEach((service, numbers) -> upstreams.put(service, numbers.stream()
                .map(replica -> {
                    ContainerRef container = ContainerRef.app(stack, service, replica);
                    return new UpstreamServer(replica, container.name(),
                            addresses.of(container) + ":" + ContainerSpecs.APP_PORT);
                })
                .toList()));
        return configurator.apply(new GatewayModel(stack, mode, upstreams));
    }

    /**
     * The replicas that the running nginx routes to, per service, read back from the config it runs (a config
     * replaces the running one only once {@code nginx -t} passed and nginx reloaded it). Empty when nginx could not be
     * asked.
     */
    Optional<Map<String, List<Integer>>> routed() {
        String running;
        try {
            running = configurator.runningConfig();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        Map<String, List<Integer>> routed = new TreeMap<>();
        Matcher server = ROUTED_SERVER.matcher(running);
        while (server.find()) {
            addresses.replicaAt(server.group(1)).ifPresent(replica -> {
                List<Integer> replicas = routed.computeIfAbsent(replica.service(), any -> new ArrayList<>());
                if (!replicas.contains(replica.replica())) {
                    replicas.add(replica.replica());
                }
            });
        }
        routed.values().forEach(java.util.Collections::sort);
        return Optional.of(routed);
    }

    /** A server line of an upstream that is not marked down: {@code server 172.29.200.11:8080 max_fails=…}. */
    private static final Pattern ROUTED_SERVER =
            Pattern.compile("(?m)^\\s*server\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+)(?![^;]*\\bdown\\b)[^;]*;");

    static String haproxyConfig(StackName stack, ContainerRef postgres, String postgresAddress) {
        return HaproxyConfigRenderer.withDefaultTemplates().render(new HaproxyModel(stack, postgres.name(),
                postgresAddress + ":5432", ContainerSpecs.DATABASE_USER));
    }
}
