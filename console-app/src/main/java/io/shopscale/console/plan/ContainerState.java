package io.shopscale.console.plan;

import java.util.Locale;

/** Docker's container states ({@code State.Status}). */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    /** Docker's own word for the state, used as the cause of a replacement: "exited", "dead". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a process may still hold connections, so the container must be stopped gracefully before removal. */
    public boolean needsStop() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }
}
