package io.shopscale.console.plan;

/**
 * One app tier as an orchestrator service, as the orchestrator reports it.
 *
 * @param service    the tier: {@code monolith}, {@code orders}, ...
 * @param replicas   the replica count the service is set to (not how many tasks run)
 * @param configHash the {@link Labels#CONFIG_HASH} the service was deployed with
 */
public record ObservedService(String service, int replicas, String configHash) {

    public ObservedService {
        if (service == null || configHash == null || replicas < 0) {
            throw new IllegalArgumentException("incomplete observed service " + service);
        }
    }
}
