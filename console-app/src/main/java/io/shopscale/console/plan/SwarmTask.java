package io.shopscale.console.plan;

import java.util.Optional;
import java.util.Set;

/**
 * One task of a Swarm service, as the Swarm manager reports it ({@code GET /tasks}).
 *
 * @param desiredState what Swarm wants of it, in Swarm's words: {@code running}, {@code shutdown}, {@code remove}
 * @param state        what it is: {@code new} … {@code starting}, {@code running}, {@code complete},
 *                     {@code shutdown}, {@code failed}, {@code rejected}, {@code orphaned}, {@code remove}
 * @param address      its IPv4 address on the stack's overlay network, without the prefix length; empty before it
 *                     has one
 * @param configHash   the {@link Labels#CONFIG_HASH} of its container spec
 * @param containerId  its container, once it has one; empty before
 * @param error        why it failed, in Swarm's words; empty when it did not
 */
public record SwarmTask(String id, String service, int slot, String desiredState, String state,
                        Optional<String> address, String configHash, String containerId, String error) {

    private static final Set<String> ENDED = Set.of("complete", "shutdown", "failed", "rejected", "orphaned",
            "remove");

    public SwarmTask {
        if (id == null || service == null || desiredState == null || state == null || address == null
                || configHash == null || containerId == null || error == null || slot < 1) {
            throw new IllegalArgumentException("incomplete task " + id + " of " + service);
        }
    }

    /** Whether its container has stopped (or never will run): a task of the service's history. */
    public boolean ended() {
        return ENDED.contains(state);
    }

    /** Whether Swarm wants it to run; a task it marked for shutdown is on its way out, though it may still serve. */
    public boolean wanted() {
        return desiredState.equals("running");
    }

    public boolean running() {
        return state.equals("running");
    }
}
