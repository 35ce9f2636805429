package io.shopscale.console.docker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * Finds a Docker engine the way testcontainers does: try each candidate in order ({@code DOCKER_HOST}, then the
 * usual sockets) and, when none answers, say what was tried and why each one failed.
 */
public final class DockerEngines {

    private static final List<String> DEFAULT_SOCKETS = List.of("unix:///var/run/docker.sock",
            "unix://" + System.getProperty("user.home") + "/.docker/run/docker.sock",
            "unix:///run/user/" + uid() + "/docker.sock");

    private DockerEngines() {
    }

    /**
     * A client for the engine that {@code DOCKER_HOST} names, when it is set: the user chose that engine, so no other
     * is tried in its place. Otherwise the first of the usual sockets that answers a ping.
     *
     * @throws NoDockerEngineException saying what was tried and why each attempt failed
     */
    public static DockerClient connect() {
        return connect(System.getenv("DOCKER_HOST"), DEFAULT_SOCKETS);
    }

    static DockerClient connect(String fromEnvironment, List<String> sockets) {
        Set<String> candidates = new LinkedHashSet<>();
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            candidates.add(fromEnvironment);
        } else {
            candidates.addAll(sockets);
        }
        List<String> attempts = new ArrayList<>();
        for (String host : candidates) {
            String source = host.equals(fromEnvironment) ? "DOCKER_HOST=" + host : host;
            if (host.startsWith("unix://") && !Files.exists(Path.of(URI.create(host).getPath()))) {
                attempts.add(source + ": no such socket");
                continue;
            }
            DockerClient client = client(host);
            try {
                client.pingCmd().exec();
                return client;
            } catch (RuntimeException e) {
                attempts.add(source + ": " + describe(e));
                closeQuietly(client);
            }
        }
        throw new NoDockerEngineException(attempts);
    }

    private static DockerClient client(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // nothing to release beyond what close already tried
        }
    }

    private static String uid() {
        try {
            return Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid").toString();
        } catch (Exception e) {
            return "0";
        }
    }
}
