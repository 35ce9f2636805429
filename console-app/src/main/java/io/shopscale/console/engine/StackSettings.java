package io.shopscale.console.engine;

import java.util.Map;

import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;

/**
 * The stack-wide choices, written as labels on every container the stack creates, so that a restarted console can
 * read them back from any of them.
 */
public record StackSettings(Mode mode, int publishPort, Limits limits) {

    static final String MODE = "io.shopscale.mode";
    static final String PORT = "io.shopscale.port";
    static final String CPUS = "io.shopscale.cpus";
    static final String MEMORY_MB = "io.shopscale.memory-mb";

    Map<String, String> labels() {
        return Map.of(MODE, mode.label(), PORT, Integer.toString(publishPort),
                CPUS, Double.toString(limits.cpus()), MEMORY_MB, Integer.toString(limits.memoryMb()));
    }

    static StackSettings fromLabels(Map<String, String> labels) {
        return new StackSettings(Mode.parse(labels.get(MODE)), Integer.parseInt(labels.get(PORT)),
                new Limits(Double.parseDouble(labels.get(CPUS)), Integer.parseInt(labels.get(MEMORY_MB))));
    }

    static boolean presentIn(Map<String, String> labels) {
        return labels.containsKey(MODE) && labels.containsKey(PORT) && labels.containsKey(CPUS)
                && labels.containsKey(MEMORY_MB);
    }
}
