package io.shopscale.console.topology;

/**
 * The single exception every topology validation throws. The CLI prints its message as is and the window shows it
 * next to the field, so the message names the input, says what is allowed, and never echoes raw control characters.
 */
public final class TopologyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super(message);
    }
}
