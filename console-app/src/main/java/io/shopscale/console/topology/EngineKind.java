package io.shopscale.console.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What runs a stack's app tiers: containers on one Docker engine, or services on a Docker Swarm. */
public enum EngineKind {
    /** Each replica a container the console creates, starts and stops itself. */
    DOCKER,
    /** Each app tier a replicated Swarm service: Swarm schedules and replaces its tasks, the console follows them. */
    SWARM;

    /** The word users type and read: {@code docker} or {@code swarm}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws TopologyException for any word but {@code docker} and {@code swarm} */
    public static EngineKind parse(String text) {
        return Arrays.stream(values()).filter(kind -> kind.label().equals(text)).findFirst()
                .orElseThrow(() -> new TopologyException("unknown engine " + UserText.quote(text) + "; known engines: "
                        + Arrays.stream(values()).map(EngineKind::label).collect(Collectors.joining(", "))));
    }
}
