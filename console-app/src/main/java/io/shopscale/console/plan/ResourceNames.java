package io.shopscale.console.plan;

import io.shopscale.console.topology.StackName;

/**
 * Names of the Docker objects of a stack, in one place because the planner, the Docker executor and the nginx
 * renderer (which names each replica's container beside its address) must agree on them. Service names
 * contain no '-' and replica numbers are digits, so two stacks' names can never collide.
 */
public final class ResourceNames {

    private ResourceNames() {
    }

    public static String network(StackName stack) {
        return stack.value();
    }

    public static String databaseVolume(StackName stack) {
        return stack.value() + "-pgdata";
    }

    public static String staticFilesVolume(StackName stack) {
        return stack.value() + "-static";
    }

    public static String appContainer(StackName stack, String service, int replica) {
        return stack.value() + "-" + service + "-" + replica;
    }

    /** The Swarm service of one app tier; its tasks are named {@code <service>.<slot>.<task id>} by Swarm. */
    public static String swarmService(StackName stack, String service) {
        return stack.value() + "-" + service;
    }

    public static String infrastructureContainer(StackName stack, String role) {
        return stack.value() + "-" + role;
    }
}
