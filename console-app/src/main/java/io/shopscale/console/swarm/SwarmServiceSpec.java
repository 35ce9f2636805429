package io.shopscale.console.swarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one app tier's Swarm service, as plain data: the engine decides it, this package
 * carries it out.
 *
 * @param name          the service's name, {@code <stack>-<tier>}
 * @param labels        on the service and on each task's container (stack, tier, role, config hash)
 * @param command       the container's entrypoint and arguments
 * @param secrets       file under {@code /run/secrets} to its content, each handed over as a Docker secret
 * @param volumes       named volume to mount path
 * @param hostname      a Swarm template ({@code {{.Service.Name}}-{{.Task.Slot}}}): each task says which it is
 * @param healthCheck   a command run in each task: Swarm replaces a task that keeps failing it
 * @param cpus          CPU limit of each task, in CPUs
 * @param memoryBytes   memory limit of each task, in bytes
 * @param stopGrace     how long Swarm waits after the stop signal before it kills a task
 */
public record SwarmServiceSpec(String name, String image, Map<String, String> labels,
                               Map<String, String> environment, List<String> command, Map<String, byte[]> secrets,
                               Map<String, String> volumes, String network, String hostname,
                               List<String> healthCheck, double cpus, long memoryBytes, Duration stopGrace) {

    public SwarmServiceSpec {
        labels = Map.copyOf(labels);
        environment = Map.copyOf(environment);
        command = List.copyOf(command);
        secrets = Map.copyOf(secrets);
        volumes = Map.copyOf(volumes);
        healthCheck = List.copyOf(healthCheck);
    }
}
