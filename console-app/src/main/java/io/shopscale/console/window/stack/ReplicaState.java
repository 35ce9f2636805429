package io.shopscale.console.window.stack;

import java.util.Locale;

import io.shopscale.console.engine.StackStatus;

/** What a replica chip's colour says. */
public enum ReplicaState {
    /** WARMING: ready and routed, its share of the requests still growing (nginx's slow start). */
    STARTING, WARMING, READY, DRAINING, UNHEALTHY, STOPPED;

    /** Docker's state of a container that runs. */
    static final String RUNNING = "running";

    /** Whether it takes requests: ready, or ready and still warming up. */
    public boolean serves() {
        return this == READY || this == WARMING;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What Docker's state and the readiness check alone say of a container, with no memory of earlier reads: a
     * running container that is not ready counts as starting, one being created or restarted too.
     */
    public static ReplicaState of(StackStatus.Replica container) {
        if (RUNNING.equals(container.state())) {
            if (!container.ready()) {
                return STARTING;
            }
            return container.warming() ? WARMING : READY;
        }
        return "created".equals(container.state()) || "restarting".equals(container.state()) ? STARTING : STOPPED;
    }
}
