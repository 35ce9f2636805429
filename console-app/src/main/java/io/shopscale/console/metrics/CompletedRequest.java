package io.shopscale.console.metrics;

/**
 * One request the load generator has finished with, as the hub counts it.
 *
 * @param replica      the {@code X-Served-By} header, or null when no response named one
 * @param latencyNanos from the request's intended start to its end, or {@link #NOT_SENT}
 * @param errorKind    null when the request succeeded
 */
public record CompletedRequest(String service, String replica, long latencyNanos, String errorKind) {

    public static final long NOT_SENT = -1;

    public CompletedRequest {
        if (service == null) {
            throw new IllegalArgumentException("service is missing");
        }
        if (latencyNanos < 0 && latencyNanos != NOT_SENT) {
            throw new IllegalArgumentException("latency must not be negative: " + latencyNanos);
        }
    }

    public boolean ok() {
        return errorKind == null;
    }

    public boolean sent() {
        return latencyNanos != NOT_SENT;
    }
}
