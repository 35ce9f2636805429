package io.shopscale.console.plan;

/**
 * One container of the stack as the Docker engine reports it, read back from its {@link Labels}.
 *
 * @param service   for infrastructure containers, the role
 * @param replica   for infrastructure containers, 1
 * @param role      one of the {@code Labels.ROLE_*} values
 * @param configHash empty for infrastructure containers, whose config the planner does not track
 * @param readiness what its readiness check says (its health check, or the engine's own probe); meaningful only
 *                  while it runs
 */
public record ObservedContainer(String id, String name, String service, int replica, String role, String configHash,
                                ContainerState state, Readiness readiness) {

    public ObservedContainer {
        if (id == null || name == null || service == null || role == null || configHash == null || state == null
                || readiness == null || replica < 1) {
            throw new IllegalArgumentException("incomplete observed container " + name + " (" + id + ")");
        }
    }

    public ContainerRef ref() {
        return new ContainerRef(name, service, replica, role);
    }

    public boolean isApp() {
        return Labels.ROLE_APP.equals(role);
    }

    /** Whether the readiness check passes; see {@link #isServing()} for "running and ready". */
    public boolean ready() {
        return readiness == Readiness.READY;
    }

    /** The same container, with what a fresher readiness check said. */
    public ObservedContainer withReadiness(Readiness fresh) {
        return new ObservedContainer(id, name, service, replica, role, configHash, state, fresh);
    }

    /** Running and passing its readiness check: a replica nginx can send requests to. */
    public boolean isServing() {
        return state == ContainerState.RUNNING && ready();
    }
}
