package io.shopscale.console.nginx;

/**
 * A name or address that may not be written into generated config. The message names the value (escaped, so a
 * line break shows as {@code \n}), says what is wrong with it and what is allowed.
 */
public final class ConfigValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigValueException(String message) {
        super(message);
    }
}
