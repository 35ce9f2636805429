package io.shopscale.console.docker;

import java.io.IOException;

import com.github.dockerjava.api.DockerClient;

import io.shopscale.console.metrics.MetricsHub;

/**
 * One Docker engine, and the way in to everything the console does on it. The engine package works through this and
 * the other classes of this package; only this package talks to docker-java.
 */
public final class DockerHost implements AutoCloseable {

    private final DockerClient docker;

    public DockerHost(DockerClient docker) {
        this.docker = docker;
    }

    /** The engine that {@link DockerEngines#connect()} finds. */
    public static DockerHost connect() {
        return new DockerHost(DockerEngines.connect());
    }

    public DockerStack stack(String name) {
        return new DockerStack(docker, name);
    }

    public BaseImages baseImages() {
        return new BaseImages(docker);
    }

    public AppImageBuilder imageBuilder() {
        return new AppImageBuilder(docker);
    }

    /** Follows the Docker stats of the stack's app replicas into {@code hub} until closed. */
    public ContainerStatsFeed followStats(String stack, MetricsHub hub) {
        return ContainerStatsFeed.start(docker, stack, hub);
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
