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
 */
public record StackStatus(String stack, String mode, String url, List<Replica> containers,
        Map<String, Integer> desired, String heldBy, Long parkedEvents) {

    public StackStatus {
        containers = List.copyOf(containers);
        desired = Map.copyOf(desired);
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
            return "Stack " + stack + " is not running.\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("Stack ").append(stack).append(" (").append(mode).append(" mode) at ").append(url).append("\n");
        if (!desired.isEmpty()) {
            text.append("Asked for: ");
            new java.util.TreeMap<>(desired).forEach((service, count) -> text.append(service).append('=')
                    .append(count).append(' '));
            text.append("\n");
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
