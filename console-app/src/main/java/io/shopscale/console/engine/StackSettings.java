package io.shopscale.console.engine;

import java.util.Map;

import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;

/**
 * The stack-wide choices, written as labels on every container the stack creates, for whoever reads a container with
 * {@code docker inspect}. The engine reads what was asked of a stack from its {@link StackWish}.
 */
public record StackSettings(Mode mode, int publishPort, Limits limits) {

    static final String MODE = "io.shopscale.mode";
    static final String PORT = "io.shopscale.port";
    static final String CPUS = "io.shopscale.cpus";
    static final String MEMORY_MB = "io.shopscale.memory-mb";
    static final String REPLICA_CONCURRENCY = "io.shopscale.replica-concurrency";

    Map<String, String> labels() {
        return Map.of(MODE, mode.label(), PORT, Integer.toString(publishPort),
                CPUS, Double.toString(limits.cpus()), MEMORY_MB, Integer.toString(limits.memoryMb()),
                REPLICA_CONCURRENCY, Integer.toString(limits.replicaConcurrency()));
    }
}
