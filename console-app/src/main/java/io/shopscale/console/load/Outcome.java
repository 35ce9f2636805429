package io.shopscale.console.load;

import io.shopscale.console.metrics.CompletedRequest;

/**
 * How one request ended.
 *
 * @param latencyNanos from the intended start, or {@link CompletedRequest#NOT_SENT}
 * @param reply        null when no response came
 * @param error        null when the request succeeded
 * @param failure      what the client threw, kept for the log; null otherwise
 */
record Outcome(long latencyNanos, Reply reply, ErrorKind error, Throwable failure) {

    static Outcome answered(long latencyNanos, Reply reply) {
        return new Outcome(latencyNanos, reply, reply.isError() ? ErrorKind.answer(reply.status(), reply.retryAfter()) : null, null);
    }

    static Outcome failed(long latencyNanos, Throwable failure) {
        return new Outcome(latencyNanos, null, ErrorKind.of(failure), failure);
    }

    static Outcome timedOutWaiting(long latencyNanos) {
        return new Outcome(latencyNanos, null, ErrorKind.TIMEOUT, null);
    }

    static Outcome overload() {
        return new Outcome(CompletedRequest.NOT_SENT, null, ErrorKind.OVERLOAD, null);
    }

    boolean ok() {
        return error == null;
    }

    String replica() {
        return reply == null ? null : reply.replica();
    }

    CompletedRequest asCompletedRequest(String service) {
        return new CompletedRequest(service, replica(), latencyNanos, error == null ? null : error.label());
    }
}
