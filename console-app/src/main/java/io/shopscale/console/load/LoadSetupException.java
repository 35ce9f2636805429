package io.shopscale.console.load;

/** The set-up phase failed, so no load was sent: the shop is unreachable, or shoppers could not log in. */
public class LoadSetupException extends Exception {

    public LoadSetupException(String message) {
        super(message);
    }
}
