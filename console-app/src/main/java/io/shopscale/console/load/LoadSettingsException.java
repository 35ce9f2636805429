package io.shopscale.console.load;

/** Load settings the user typed that cannot be used; the message is written for that user. */
public class LoadSettingsException extends IllegalArgumentException {

    public LoadSettingsException(String message) {
        super(message);
    }
}
