package io.shopscale.console.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/**
 * Why a request failed, in the words the report counts by: {@code http 503}, {@code shed}, {@code timeout},
 * {@code connection refused}, {@code io}, {@code overload}, {@code other}.
 */
public record ErrorKind(String label) {

    /** No answer within the request timeout, counted from the intended start. */
    public static final ErrorKind TIMEOUT = new ErrorKind("timeout");
    /** Nothing listens at the address: nginx is down, or the port is wrong. */
    public static final ErrorKind CONNECTION_REFUSED = new ErrorKind("connection refused");
    /** Any other network failure, such as a connection closed before the response. */
    public static final ErrorKind IO = new ErrorKind("io");
    /** Never sent: too many requests were already waiting in the generator. */
    public static final ErrorKind OVERLOAD = new ErrorKind("overload");
    /**
     * Turned away at once because the shop was at capacity: a 503 with {@code Retry-After}, which the gateway sends
     * when every replica of the service has as many requests in flight as it may. Other 503s (no replica ready) stay
     * {@code http 503}.
     */
    public static final ErrorKind SHED = new ErrorKind("shed");
    /** Not a network failure at all; a defect in the generator, logged when it happens. */
    public static final ErrorKind OTHER = new ErrorKind("other");

    public static ErrorKind http(int status) {
        return new ErrorKind("http " + status);
    }

    /** Classifies an error response: {@link #SHED} for a 503 with {@code Retry-After}, else by its status. */
    public static ErrorKind answer(int status, boolean retryAfter) {
        return status == 503 && retryAfter ? SHED : http(status);
    }

    /** Classifies what sending failed with, looking through the wrappers of an async call. */
    public static ErrorKind of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // A connect timeout is a SocketTimeoutException too, and counts as a timeout, not as refused.
            if (cause instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
            if (cause instanceof ConnectException) {
                return CONNECTION_REFUSED;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return IO;
            }
        }
        return OTHER;
    }

    public boolean isClientError() {
        return label.startsWith("http 4");
    }

    @Override
    public String toString() {
        return label;
    }
}
