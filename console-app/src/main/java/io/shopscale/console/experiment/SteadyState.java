package io.shopscale.console.experiment;

import java.time.Duration;
import java.util.List;

/**
 * The hypothesis checked before the timeline and again after it (Chaos Toolkit's steady-state hypothesis): at
 * {@code rate} requests/s for {@code length}, the shop meets {@code checks}. When it does not before, the timeline
 * does not run.
 */
public record SteadyState(Duration length, double rate, List<Check> checks) {

    public SteadyState {
        checks = List.copyOf(checks);
    }
}
