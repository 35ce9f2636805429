package io.shopscale.console.fault;

/**
 * A fault that cannot be read or switched: bad text, an unknown target, a value out of range. The message names the
 * input, says what is allowed, and is printed as is by {@code shopctl} and the window.
 */
public final class FaultException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public FaultException(String message) {
        super(message);
    }
}
