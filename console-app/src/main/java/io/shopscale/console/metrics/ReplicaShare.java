package io.shopscale.console.metrics;

/**
 * How much of some traffic one replica answered, read from the {@code X-Served-By} header.
 *
 * @param share a fraction from 0 to 1 of the responses that named a replica
 */
public record ReplicaShare(long requests, double share) {
}
