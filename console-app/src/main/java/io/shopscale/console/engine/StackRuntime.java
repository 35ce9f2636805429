package io.shopscale.console.engine;

import java.util.Optional;

import io.shopscale.console.plan.ObservedStack;
import io.shopscale.console.plan.Plan;

/**
 * The port below the engine: what runs one stack's containers and remembers what was asked of it. The engine decides
 * (which wish, which plan, when); a runtime observes and carries out, and decides nothing. The Docker engine is one
 * ({@link DockerStackRuntime}); tests use one in memory.
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

    /** Carries out {@code plan}, one step after the other, reporting each step and each routing change. */
    void execute(StackWish wish, Plan plan, ShopEngine.EngineListener events);
}
