package io.shopscale.console.engine;

import java.net.URI;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;

import io.shopscale.console.docker.ContainerStatsFeed;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.nginx.GatewayPorts;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;

/**
 * Feeds a {@link MetricsHub} with what a running stack reports about itself: Docker's CPU and memory of each app
 * replica, and nginx's counters. What {@code shopctl load} and the console window open while they show a stack,
 * and close when they stop.
 */
public final class StackMonitor implements AutoCloseable {

    static final String STATUS_PATH = "/nginx_status";

    private final ContainerStatsFeed containers;
    private final NginxStatusPoller nginx;

    private StackMonitor(ContainerStatsFeed containers, NginxStatusPoller nginx) {
        this.containers = containers;
        this.nginx = nginx;
    }

    /** @throws TopologyException when the stack has no network, that is, it is not running */
    public static StackMonitor start(DockerClient docker, StackName stack, MetricsHub hub) {
        URI statusPage = nginxStatusPage(new DockerStack(docker, stack.value()), stack);
        ContainerStatsFeed containers = ContainerStatsFeed.start(docker, stack.value(), hub);
        return new StackMonitor(containers, NginxStatusPoller.start(statusPage, hub));
    }

    /** The replicas whose Docker stats are followed now, by container name. */
    public Set<String> followedReplicas() {
        return containers.followed();
    }

    @Override
    public void close() {
        try {
            containers.close();
        } finally {
            nginx.close();
        }
    }

    /** On the stack's network, from the host: the status port is not published. */
    private static URI nginxStatusPage(DockerStack dockerStack, StackName stack) {
        StackAddresses addresses = dockerStack.addresses().orElseThrow(() -> new TopologyException("Stack "
                + stack.value() + " is not running; start it with `shopctl up`."));
        String address = addresses.of(ContainerRef.infrastructure(stack, Labels.ROLE_NGINX));
        return URI.create("http://" + address + ":" + GatewayPorts.DEFAULT.statusPort() + STATUS_PATH);
    }
}
