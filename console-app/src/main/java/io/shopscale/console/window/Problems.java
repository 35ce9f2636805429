package io.shopscale.console.window;

import io.shopscale.console.engine.ProblemText;

/** Turns what went wrong into text for the window; see {@link ProblemText}. */
public final class Problems {

    private Problems() {
    }

    public static String describe(Throwable problem) {
        if (problem instanceof ReadTimeoutException) {
            return problem.getMessage();
        }
        return ProblemText.describe(problem,
                "The stack stays as it is now; doing the same again carries on from here.");
    }
}
