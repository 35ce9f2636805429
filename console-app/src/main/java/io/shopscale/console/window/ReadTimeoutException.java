package io.shopscale.console.window;

import java.time.Duration;

/** A call on {@link Lane#READ} that did not answer within its time limit; it was interrupted. */
public final class ReadTimeoutException extends RuntimeException {

    public ReadTimeoutException(Duration limit) {
        super("No answer within " + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s"
                : limit.toMillis() + " ms") + "; the call was abandoned and is tried again at the next read.");
    }
}
