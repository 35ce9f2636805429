package io.shopscale.console.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.ExecResult;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/** The stack's nginx and HAProxy configs: rendered from the templates, checked, and applied to the containers. */
final class NginxGateway {

    private static final String CONFIG = "/etc/nginx/nginx.conf";
    private static final String NEXT = "/etc/nginx/nginx.conf.next";

    private final DockerStack stack;
    private final StackName name;
    private final String container;

    NginxGateway(DockerStack stack, StackName name, String container) {
        this.stack = stack;
        this.name = name;
        this.container = container;
    }

    String render(Mode mode, StackAddresses addresses, Map<String, List<Integer>> upstreams) {
        return ConfigTemplates.nginx(name, mode, upstreams, (service, replica) ->
                addresses.of(ContainerRef.app(name, service, replica)) + ":" + ContainerSpecs.APP_PORT);
    }

    String haproxyConfig(String postgresAddress) {
        return ConfigTemplates.haproxy(name, postgresAddress + ":5432", ContainerSpecs.DATABASE_USER);
    }

    /**
     * Renders the config for {@code upstreams} and, when it differs from the running one, checks it with
     * {@code nginx -t}, swaps it in and reloads. A config that fails the check never replaces the running one.
     */
    void apply(Mode mode, StackAddresses addresses, Map<String, List<Integer>> upstreams) {
        String next = render(mode, addresses, upstreams);
        if (next.equals(runningConfig())) {
            return;
        }
        stack.copyFiles(container, Map.of(NEXT, next.getBytes(StandardCharsets.UTF_8)));
        ExecResult test = stack.exec(container, List.of("nginx", "-t", "-q", "-c", NEXT));
        if (!test.succeeded()) {
            throw new IllegalStateException("nginx rejected the new config; the running one is unchanged:\n"
                    + test.output());
        }
        ExecResult swap = stack.exec(container, List.of("mv", NEXT, CONFIG));
        if (!swap.succeeded()) {
            throw new IllegalStateException("Could not put the new nginx config in place: " + swap.output());
        }
        ExecResult reload = stack.exec(container, List.of("nginx", "-s", "reload"));
        if (!reload.succeeded()) {
            throw new IllegalStateException("nginx did not reload: " + reload.output());
        }
    }

    String runningConfig() {
        ExecResult cat = stack.exec(container, List.of("cat", CONFIG));
        return cat.succeeded() ? cat.output() : "";
    }
}
