package io.shopscale.console.nginx;

/** nginx could not say what it routes to: its container or its control endpoint did not answer. */
public final class NginxUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NginxUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
