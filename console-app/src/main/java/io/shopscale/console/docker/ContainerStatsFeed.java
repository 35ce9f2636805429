package io.shopscale.console.docker;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.plan.Labels;

/**
 * Docker's stats of a stack's app replicas, pushed into a {@link MetricsHub} under each replica's name as Docker
 * streams them, once a second. Every second it lists the replicas and opens a stream for each new one and closes
 * those of replicas that are gone, so it follows scaling, kills and restarts. {@link #close()} closes every stream.
 */
public final class ContainerStatsFeed implements AutoCloseable {

    static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ContainerStatsFeed.class);

    private final DockerClient docker;
    private final String stack;
    private final MetricsHub hub;
    private final Map<String, StatsStream> streamsById = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "shopscale-container-stats");
        thread.setDaemon(true);
        return thread;
    });

    private ContainerStatsFeed(DockerClient docker, String stack, MetricsHub hub) {
        this.docker = docker;
        this.stack = stack;
        this.hub = hub;
    }

    public static ContainerStatsFeed start(DockerClient docker, String stack, MetricsHub hub) {
        ContainerStatsFeed feed = new ContainerStatsFeed(docker, stack, hub);
        feed.follower.scheduleWithFixedDelay(feed::follow, 0, FOLLOW_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return feed;
    }

    /** The replicas whose stats stream is open now, by name. */
    public Set<String> followed() {
        Set<String> names = new TreeSet<>();
        streamsById.values().stream().filter(stream -> !stream.ended).forEach(stream -> names.add(stream.replica));
        return names;
    }

    @Override
    public void close() {
        closed = true;
        follower.shutdownNow();
        try {
            follower.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeStreams();
    }

    private void closeStreams() {
        streamsById.values().forEach(StatsStream::closeQuietly);
        streamsById.clear();
    }

    private void follow() {
        try {
            Map<String, String> running = runningReplicas();
            streamsById.entrySet().removeIf(entry -> {
                boolean gone = entry.getValue().ended || !running.containsKey(entry.getKey());
                if (gone) {
                    entry.getValue().closeQuietly();
                }
                return gone;
            });
            running.forEach((id, name) -> streamsById.computeIfAbsent(id, newId -> open(newId, name)));
            if (closed) {
                // close() gave up waiting for this round; the streams it opened must not outlive the feed.
                closeStreams();
            }
        } catch (RuntimeException e) {
            // Docker may be busy or restarting; the next round tries again, and the hub marks silent replicas stale.
            LOG.debug("could not list the replicas of stack {}", stack, e);
        }
    }

    /** Running (or paused) app containers of the stack: id to name. */
    private Map<String, String> runningReplicas() {
        List<Container> containers = docker.listContainersCmd()
                .withLabelFilter(Map.of(Labels.STACK, stack, Labels.ROLE, Labels.ROLE_APP)).exec();
        Map<String, String> running = new HashMap<>();
        containers.forEach(container -> running.put(container.getId(), replicaName(container)));
        return running;
    }

    /**
     * The replica's name: its container's, or for a Swarm task ({@code <service>.<slot>.<task id>}) the name the
     * console gives it and its hostname, {@code <service>-<slot>}.
     */
    static String replicaName(Container container) {
        String task = container.getLabels() == null ? null : container.getLabels().get("com.docker.swarm.task.name");
        if (task != null && task.matches(".+\\.\\d+\\.[^.]+")) {
            return task.replaceFirst("^(.+)\\.(\\d+)\\.[^.]+$", "$1-$2");
        }
        return container.getNames()[0].replaceFirst("^/", "");
    }

    private StatsStream open(String id, String replica) {
        return docker.statsCmd(id).exec(new StatsStream(replica, hub));
    }

    /** One container's stream; it ends by itself when the container stops. */
    static final class StatsStream extends ResultCallback.Adapter<Statistics> {

        private final String replica;
        private final MetricsHub hub;
        private volatile boolean ended;

        StatsStream(String replica, MetricsHub hub) {
            this.replica = replica;
            this.hub = hub;
        }

        /**
         * Docker answers a stats request only once it has a first sample, a second or more after the request. A
         * stream closed before that has nothing to close yet, and docker-java's {@code onStart} would then open it
         * for good; so the stream that starts after this one was closed is closed at once.
         */
        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            if (ended) {
                closeQuietly();
            }
        }

        @Override
        public void onNext(Statistics frame) {
            DockerStatsFormulas.of(frame).ifPresent(stats ->
                    hub.recordContainerStats(replica, stats.cpuPercent(), stats.memoryBytes()));
        }

        @Override
        public void onError(Throwable error) {
            LOG.debug("the stats stream of {} broke", replica, error);
            closeQuietly();
        }

        @Override
        public void onComplete() {
            ended = true;
            super.onComplete();
        }

        void closeQuietly() {
            ended = true;
            try {
                close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the stats stream of {} failed", replica, e);
            }
        }
    }
}
