package io.shopscale.console.nginx;

/**
 * How an exported gateway finds the replicas of a service when no console tells it: by DNS name, in one of two ways.
 */
public enum ServiceDiscovery {

    /**
     * Docker Swarm or compose: the service name resolves to every running task (endpoint mode {@code dnsrr}), and
     * nginx asks Docker's DNS ({@code 127.0.0.11}) again every few seconds, so replicas that come and go are seen.
     */
    DOCKER_DNS("Docker Swarm or docker compose", "127.0.0.11"),

    /**
     * Kubernetes: the service name resolves to the Service's stable cluster address, which spreads connections over
     * the ready pods; nginx resolves it once at start.
     */
    CLUSTER_SERVICES("Kubernetes", "");

    private final String target;
    private final String resolver;

    ServiceDiscovery(String target, String resolver) {
        this.target = target;
        this.resolver = resolver;
    }

    String target() {
        return target;
    }

    String resolver() {
        return resolver;
    }

    boolean resolvesEachRequest() {
        return !resolver.isEmpty();
    }
}
