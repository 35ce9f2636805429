package io.shopscale.console.experiment;

import java.time.Duration;

/**
 * Stops the timeline early when errors run away: the error rate over the last {@code over} is above
 * {@code maxErrorRate} (a share, 0 to 1). The clean-up runs all the same.
 */
public record AbortRule(double maxErrorRate, Duration over) {

    /** No experiment runs on with every request failing for half a minute. */
    public static final AbortRule DEFAULT = new AbortRule(0.5, Duration.ofSeconds(30));
}
