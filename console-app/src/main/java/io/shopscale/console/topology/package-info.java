/**
 * What the user wants: the stack's name, its mode, replicas per service, limits and the published port.
 *
 * <p>Plain immutable values that validate themselves, so everything downstream (the planner, the nginx renderer,
 * Docker names and labels) can trust them. Every rejection is a {@link io.shopscale.console.topology.TopologyException}
 * whose message is meant for the person who typed the input.
 */
package io.shopscale.console.topology;
