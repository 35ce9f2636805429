package io.shopscale.console.engine;

import java.util.List;

/** What runs in a stack, for people ({@link #toText()}) and scripts (serialised as JSON). */
public record StackStatus(String stack, String mode, String url, List<Replica> containers) {

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
        return text.toString();
    }
}
