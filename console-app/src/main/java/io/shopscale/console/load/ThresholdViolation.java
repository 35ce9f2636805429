package io.shopscale.console.load;

/**
 * A limit a run broke, in the words the user typed.
 *
 * @param option   such as {@code --max-p99}
 * @param limit    as the option gave it, such as {@code 500ms}
 * @param measured the run's figure in the same unit, such as {@code 612ms}
 */
public record ThresholdViolation(String option, String limit, String measured) {

    public String toText() {
        return option + " " + limit + " not met: measured " + measured;
    }
}
