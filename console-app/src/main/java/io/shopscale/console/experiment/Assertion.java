package io.shopscale.console.experiment;

import java.util.List;

/**
 * Checks over a window of the timeline tied to a step: from {@code skip} after the step until {@code length} later,
 * or, with no length, until the next step (the end of the timeline after the last one).
 *
 * @param length null for "until the next step"
 */
public record Assertion(String name, String step, java.time.Duration skip, java.time.Duration length,
                        List<Check> checks) {

    public Assertion {
        checks = List.copyOf(checks);
    }
}
