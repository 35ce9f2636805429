package io.shopscale.console.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shopscale.console.docker.ContainerStatsFeed;
import io.shopscale.console.docker.DockerHost;
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

    private static final Logger LOG = LoggerFactory.getLogger(StackMonitor.class);

    static final String STATUS_PATH = "/nginx_status";

    /**
     * How often the routing guard looks at the replicas. With the probe's timeout and its one retry, a replica that
     * stops answering leaves nginx within about {@code GUARD_INTERVAL + 2 × ReadinessProbe.TIMEOUT}: 6 s.
     */
    static final Duration GUARD_INTERVAL = Duration.ofSeconds(2);

    private final ContainerStatsFeed containers;
    private final NginxStatusPoller nginx;
    private final ScheduledExecutorService guard;

    private StackMonitor(ContainerStatsFeed containers, NginxStatusPoller nginx, ScheduledExecutorService guard) {
        this.containers = containers;
        this.nginx = nginx;
        this.guard = guard;
    }

    /**
     * @param routingGuard run every {@link #GUARD_INTERVAL} on a thread of the monitor's own, until closed; a round
     *                     that fails is logged and the next one runs all the same
     * @throws TopologyException when the stack has no network, that is, it is not running
     */
    public static StackMonitor start(DockerHost docker, StackName stack, MetricsHub hub, Runnable routingGuard) {
        URI statusPage = nginxStatusPage(docker.stack(stack.value()), stack);
        ContainerStatsFeed containers = docker.followStats(stack.value(), hub);
        ScheduledExecutorService guard = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "routing-guard-" + stack.value());
            thread.setDaemon(true);
            return thread;
        });
        guard.scheduleWithFixedDelay(() -> {
            try {
                routingGuard.run();
            } catch (RuntimeException e) {
                if (guard.isShutdown()) {
                    return; // closed in the middle of a round, which then fails: nothing went wrong
                }
                // The kind and message only: a guard that fails every round must not fill the live output with traces.
                LOG.warn("routing guard of stack {} failed: {}", stack.value(), e.toString());
            }
        }, GUARD_INTERVAL.toMillis(), GUARD_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return new StackMonitor(containers, NginxStatusPoller.start(statusPage, hub), guard);
    }

    /** The replicas whose Docker stats are followed now, by container name. */
    public Set<String> followedReplicas() {
        return containers.followed();
    }

    @Override
    public void close() {
        guard.shutdownNow();
        try {
            containers.close();
        } finally {
            nginx.close();
        }
    }

    /** On the stack's network (or Docker's gateway bridge), from the host: the status port is not published. */
    private static URI nginxStatusPage(DockerStack dockerStack, StackName stack) {
        StackAddresses addresses = dockerStack.addresses().orElseThrow(() -> new TopologyException("Stack "
                + stack.value() + " is not running; start it with `shopctl up`."));
        ContainerRef nginx = ContainerRef.infrastructure(stack, Labels.ROLE_NGINX);
        // On an overlay network (a stack on Swarm) nginx is reached from here through Docker's gateway bridge.
        String address = dockerStack.gatewayBridgeAddress(nginx.name()).orElseGet(() -> addresses.of(nginx));
        return URI.create("http://" + address + ":" + GatewayPorts.DEFAULT.statusPort() + STATUS_PATH);
    }
}
