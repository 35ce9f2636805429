package io.shopscale.console.topology;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The two ways the same shop is deployed, and the services each one runs. */
public enum Mode {
    MONOLITH("monolith", List.of("monolith")),
    SERVICES("services", List.of("sso", "catalog", "orders", "payments", "notifications"));

    private final String label;
    private final List<String> services;

    Mode(String label, List<String> services) {
        this.label = label;
        this.services = services;
    }

    /** The word users type and read: {@code monolith} or {@code services}. */
    public String label() {
        return label;
    }

    /** The services this mode runs, in the order they are started and listed. */
    public List<String> services() {
        return services;
    }

    /**
     * Whether each service logs in to the database as its own user, which reaches only its own schema. The
     * monolith is one process that holds every module, so it uses the stack's database owner.
     */
    public boolean hasOwnDatabaseUsers() {
        return this == SERVICES;
    }

    public boolean hasService(String service) {
        return services.contains(service);
    }

    public void requireService(String service) {
        if (!hasService(service)) {
            throw new TopologyException("unknown service " + UserText.quote(service) + " in " + label
                    + " mode; known services: " + String.join(", ", services));
        }
    }

    public static Mode parse(String text) {
        return Arrays.stream(values())
                .filter(mode -> mode.label.equals(text))
                .findFirst()
                .orElseThrow(() -> new TopologyException("unknown mode " + UserText.quote(text) + "; use "
                        + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(" or "))));
    }
}
