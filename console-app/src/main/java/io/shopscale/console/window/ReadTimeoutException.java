package io.shopscale.console.window;

import java.time.Duration;

/** A call on {@link Lane#READ} that did not answer within its time limit; it was interrupted. */
public final class ReadTimeoutException extends RuntimeException {

    public ReadTimeoutException(Duration limit) {
        super("no answer within " + limit.toSeconds() + " s");
    }
}
