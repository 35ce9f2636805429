package io.shopscale.console.engine;

import java.util.List;

/**
 * What runs in a stack, for people ({@link #toText()}) and scripts (serialised as JSON).
 *
 * @param parkedEvents order events the outbox relay set aside after repeated failures ({@code orders.outbox} rows
 *                     with {@code parked_at}); null when the database could not be asked
 */
public record StackStatus(String stack, String mode, String url, List<Replica> containers, Long parkedEvents) {

    /** A status without the outbox's count, for when the database was not asked. */
    public StackStatus(String stack, String mode, String url, List<Replica> containers) {
        this(stack, mode, url, containers, null);
    }

    /** One container of the stack. */
    public record Replica(String name, String role, String service, int replica, String state, boolean ready,
            String address) {
    }

    public boolean exists() {
        return !containers.isEmpty();
    }

    public String toText() {
        if (!exists()) {
            return "Stack " + stack + " is not running.\n";
        }
        StringBuilder text = new StringBuilder();
        text.append("Stack ").append(stack).append(" (").append(mode).append(" mode) at ").append(url).append("\n\n");
        text.append(String.format("%-28s %-9s %-14s %-10s %-6s %s%n", "CONTAINER", "ROLE", "SERVICE", "STATE",
                "READY", "ADDRESS"));
        for (Replica replica : containers) {
            text.append(String.format("%-28s %-9s %-14s %-10s %-6s %s%n", replica.name(), replica.role(),
                    replica.service(), replica.state(), replica.ready() ? "yes" : "no", replica.address()));
        }
        if (parkedEvents != null) {
            text.append("\nParked order events: ").append(parkedEvents);
            text.append(parkedEvents == 0 ? "\n" : " (set aside after repeated failures; see last_error in "
                    + "orders.outbox where parked_at is not null)\n");
        }
        return text.toString();
    }
}
