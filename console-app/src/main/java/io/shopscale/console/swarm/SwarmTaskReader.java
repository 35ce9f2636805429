package io.shopscale.console.swarm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.model.Task;

import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.SwarmTask;

/**
 * Reads a task as docker-java returns it. Its {@code Task} model has no field for the task's network attachments,
 * so its address comes from the raw values of the answer ({@code NetworksAttachments[].Addresses}).
 */
final class SwarmTaskReader {

    private SwarmTaskReader() {
    }

    static SwarmTask read(Task task, String tier) {
        var status = task.getStatus();
        String state = status == null || status.getState() == null ? "new" : word(status.getState().getValue());
        String desired = task.getDesiredState() == null ? "running" : word(task.getDesiredState().getValue());
        String containerId = status != null && status.getContainerStatus() != null
                && status.getContainerStatus().getContainerID() != null
                ? status.getContainerStatus().getContainerID() : "";
        String error = status != null && status.getErr() != null ? status.getErr() : "";
        Map<String, String> labels = task.getSpec() != null && task.getSpec().getContainerSpec() != null
                && task.getSpec().getContainerSpec().getLabels() != null
                ? task.getSpec().getContainerSpec().getLabels() : Map.of();
        return new SwarmTask(task.getId(), tier, task.getSlot(), desired, state, address(task),
                labels.getOrDefault(Labels.CONFIG_HASH, ""), containerId, error);
    }

    /** The first address of the task's first network attachment that has one, without its prefix length. */
    static Optional<String> address(Task task) {
        Object attachments = task.getRawValues().get("NetworksAttachments");
        if (!(attachments instanceof List<?> list)) {
            return Optional.empty();
        }
        for (Object attachment : list) {
            if (attachment instanceof Map<?, ?> map && map.get("Addresses") instanceof List<?> addresses) {
                for (Object address : addresses) {
                    String text = String.valueOf(address);
                    if (!text.isBlank()) {
                        return Optional.of(text.replaceFirst("/\\d+$", ""));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String word(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
