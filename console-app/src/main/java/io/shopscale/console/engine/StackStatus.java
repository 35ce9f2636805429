package io.shopscale.console.engine;

import java.util.List;
import java.util.Map;

/**
 * What runs in a stack, for people ({@link #toText()}) and scripts (serialised as JSON).
 *
 * @param desired      replicas per service that the user last asked for (the stack's wish); empty when unknown
 * @param heldBy       the command that is changing the stack now ({@code `shopctl scale monolith=3` (pid 42,
 *                     since …)}), or empty
 * @param parkedEvents order events the outbox relay set aside after repeated failures ({@code orders.outbox} rows
 *                     with {@code parked_at}); null when the database could not be asked
 * @param engine       what runs the stack, {@code docker} or {@code swarm}; empty when unknown
 * @param faults       the faults in force, kept with the stack, each in its text form ({@code failure payments
 *                     100%}); kept faults show even while the stack is down, as they come back with it
 */
public record StackStatus(String stack, String mode, String url, List<Replica> containers,
        Map<String, Integer> desired, String heldBy, Long parkedEvents, String engine, List<String> faults) {

    public StackStatus {
        containers = List.copyOf(containers);
        desired = Map.copyOf(desired);
        engine = engine == null ? "" : engine;
        faults = List.copyOf(faults);
    }

    /** A status of a stack on the Docker engine, without faults. */
    public StackStatus(String stack, String mode, String url, List<Replica> containers,
            Map<String, Integer> desired, String heldBy, Long parkedEvents) {
        this(stack, mode, url, containers, desired, heldBy, parkedEvents, "docker", List.of());
    }

    /** A status with no wish, no holder and no outbox count: what a stack that is not running has. */
    public StackStatus(String stack, String mode, String url, List<Replica> containers) {
        this(stack, mode, url, containers, Map.of(), "", null);
    }

    /**
     * One container of the stack.
     *
     * @param ready   running and answering its readiness probe
     * @param routed  nginx routes requests to it now (app replicas only)
     * @param warming nginx routes to it and its share still grows: it joined less than the slow start ago
     */
    public record Replica(String name, String role, String service, int replica, String state, boolean ready,
            String address, boolean routed, boolean warming) {

        public Replica(String name, String role, String service, int replica, String state, boolean ready,
                String address) {
            this(name, role, service, replica, state, ready, address, ready && "app".equals(role), false);
        }
    }

    public boolean exists() {
        return !containers.isEmpty();
    }

    public String toText() {
        if (!exists()) {
            return "Stack " + stack + " is not running.\n" + (faults.isEmpty() ? ""
                    : "Faults kept for its next start: " + String.join(", ", faults) + "\n");
        }
        StringBuilder text = new StringBuilder();
        text.append("Stack ").append(stack).append(" (").append(mode).append(" mode")
                .append(engine.isEmpty() ? "" : ", on " + engine).append(") at ").append(url).append("\n");
        if (!desired.isEmpty()) {
            text.append("Asked for: ");
            new java.util.TreeMap<>(desired).forEach((service, count) -> text.append(service).append('=')
                    .append(count).append(' '));
            text.append("\n");
        }
        if (!faults.isEmpty()) {
            text.append("Faults in force: ").append(String.join(", ", faults))
                    .append(" (shopctl fault clear --all)\n");
        }
        if (!heldBy.isEmpty()) {
            text.append("Being changed by ").append(heldBy).append("\n");
        }
        text.append("\n");
        text.append(String.format("%-28s %-9s %-14s %-10s %-6s %-7s %s%n", "CONTAINER", "ROLE", "SERVICE", "STATE",
                "READY", "ROUTED", "ADDRESS"));
        for (Replica replica : containers) {
            text.append(String.format("%-28s %-9s %-14s %-10s %-6s %-7s %s%n", replica.name(), replica.role(),
                    replica.service(), replica.state(), replica.ready() ? "yes" : "no",
                    "app".equals(replica.role()) ? (replica.routed() ? "yes" : "no") : "-", replica.address()));
        }
        if (parkedEvents != null) {
            text.append("\nParked order events: ").append(parkedEvents);
            text.append(parkedEvents == 0 ? "\n" : " (set aside after repeated failures; see last_error in "
                    + "orders.outbox where parked_at is not null)\n");
        }
        return text.toString();
    }
}
