package io.shopscale.console.plan;

import io.shopscale.console.topology.StackName;

/**
 * The container an operation acts on. Operations address containers by name because the planner has to name the
 * ones it is about to create, and Docker accepts a name wherever it accepts an id.
 *
 * @param service for infrastructure containers, the role
 * @param replica for infrastructure containers, 1
 */
public record ContainerRef(String name, String service, int replica, String role) {

    public ContainerRef {
        if (name == null || service == null || role == null || replica < 1) {
            throw new IllegalArgumentException(
                    "incomplete container reference: " + name + ", " + service + ", " + replica + ", " + role);
        }
    }

    public static ContainerRef app(StackName stack, String service, int replica) {
        return new ContainerRef(ResourceNames.appContainer(stack, service, replica), service, replica,
                Labels.ROLE_APP);
    }

    public static ContainerRef infrastructure(StackName stack, String role) {
        return new ContainerRef(ResourceNames.infrastructureContainer(stack, role), role, 1, role);
    }

    public boolean isApp() {
        return Labels.ROLE_APP.equals(role);
    }

    /** {@code service:orders:3} for app replicas, the role ({@code nginx}, {@code postgres}) otherwise. */
    public String resourceId() {
        return isApp() ? "service:" + service + ":" + replica : role;
    }
}
