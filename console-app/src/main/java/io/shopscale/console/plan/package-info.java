/**
 * Observe, plan, execute: the convergence engine, in the shape of docker compose's {@code pkg/compose}.
 *
 * <p>The {@code docker} package reads an {@link io.shopscale.console.plan.ObservedStack} from container labels
 * ({@link io.shopscale.console.plan.Labels}); the pure {@link io.shopscale.console.plan.Planner} turns it and a
 * {@link io.shopscale.console.topology.DesiredTopology} into a {@link io.shopscale.console.plan.Plan}; a
 * {@link io.shopscale.console.plan.PlanExecutor} carries the plan out step by step and takes no decisions of its own.
 * Nothing here does I/O, so every decision is tested without Docker.
 */
package io.shopscale.console.plan;
