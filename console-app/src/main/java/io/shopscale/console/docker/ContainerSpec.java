package io.shopscale.console.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to create one container, as plain data: the engine decides it, the docker package carries it
 * out.
 *
 * @param files       files copied into the container before it starts (secrets, configs): path to content; they
 *                    never travel in environment variables
 * @param volumes     named volume to mount path
 * @param publishPort host port bound on 127.0.0.1 to the container's port 80, when present
 * @param healthCheck a command the engine runs to learn that the container is ready, when present
 */
public record ContainerSpec(
        String name,
        String image,
        String ipAddress,
        Map<String, String> labels,
        Map<String, String> environment,
        List<String> command,
        Map<String, String> volumes,
        Map<String, byte[]> files,
        Optional<Integer> publishPort,
        Optional<List<String>> healthCheck,
        double cpus,
        long memoryBytes) {

    /**
     * Every check is a process started in the container, which costs the whole machine CPU: check each second while
     * the container boots, so it joins nginx soon after it is ready, then every five seconds.
     */
    public static final Duration HEALTH_START_INTERVAL = Duration.ofSeconds(1);
    public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);

    public ContainerSpec {
        labels = Map.copyOf(labels);
        environment = Map.copyOf(environment);
        command = List.copyOf(command);
        volumes = Map.copyOf(volumes);
        files = Map.copyOf(files);
    }
}
