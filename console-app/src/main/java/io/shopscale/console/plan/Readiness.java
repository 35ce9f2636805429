package io.shopscale.console.plan;

/**
 * Whether a running replica can take requests, as its readiness probe says.
 * <ul>
 * <li>{@code READY}: it answers its readiness probe; nginx may route to it.</li>
 * <li>{@code STARTING}: it has not answered yet since it started; wait for it.</li>
 * <li>{@code FAILING}: it answered before and does not now (frozen, overloaded, lost its database, unhealthy); it
 * leaves nginx at once and is replaced.</li>
 * </ul>
 */
public enum Readiness {
    READY, STARTING, FAILING
}
