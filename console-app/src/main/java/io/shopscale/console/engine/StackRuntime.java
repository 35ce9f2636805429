package io.shopscale.console.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.plan.Planner;

/**
 * The port below the engine: what runs one stack's containers and remembers what was asked of it. The engine decides
 * (which wish, which plan, when); a runtime observes and carries out, and decides nothing. The Docker engine is one
 * ({@link DockerStackRuntime}), Docker Swarm another ({@link SwarmStackRuntime}); tests use one in memory.
 */
interface StackRuntime {

    /** What was last asked of the stack, read back from the stack itself; empty when nothing was. */
    Optional<StackWish> wish();

    /** Records {@code wish} on the stack, before the plan that carries it out runs. */
    void record(StackWish wish);

    /** The stack as it is: its containers, each replica's readiness, and what nginx routes to. */
    ObservedStack observe(StackWish wish);

    /** The hash of everything that defines an app container of {@code wish}: a replica with another is replaced. */
    String appConfigHash(StackWish wish);

    /** The steps from the stack as it is to {@code wish}. */
    default Plan plan(StackWish wish) {
        return Planner.plan(wish.desired(), observe(wish), appConfigHash(wish));
    }

    /** Carries out {@code plan}, one step after the other, reporting each step and each routing change. */
    void execute(StackWish wish, Plan plan, ShopEngine.EngineListener events);

    /** As {@link #observe}, with nginx's routing as read and each container's address; the labels alone without a wish. */
    default StackObservation observation(Optional<StackWish> wish, Instant now) {
        return new StackObservation(wish.map(this::observe).orElse(ObservedStack.NOTHING), Optional.empty(), Map.of());
    }

    /**
     * Kills one app replica at once (SIGKILL), as a crash would.
     *
     * @throws io.shopscale.console.topology.TopologyException when the stack has no replica of that name
     */
    default void kill(String replica) {
        throw new UnsupportedOperationException("This engine cannot kill a replica.");
    }

    /**
     * Thaws every container of the stack that is frozen ({@code docker pause}), so that a plan finds the stack as it
     * runs: it would replace a frozen replica and recreate a frozen database.
     */
    default void thaw() {
    }

    /**
     * Brings the stack to exactly {@code faults}: their targets frozen and every other container thawed, each app
     * replica's CPU limit that of its {@code slow} fault or else the wish's, and, with {@code payments}, the payments
     * simulation set to the faults' latency and failure rate (zero without them). Every target is a container of the
     * stack.
     */
    default void applyFaults(StackWish wish, FaultsInForce faults, boolean payments) {
        if (!faults.isEmpty()) {
            throw new UnsupportedOperationException("Faults run on the Docker engine only.");
        }
    }
}
