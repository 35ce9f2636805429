package io.shopscale.console.experiment;

/** One thing wrong with an experiment file, at the place it was found. */
public record Problem(Position position, String message) {

    /** {@code slow-payments.yaml:12:5: unknown step "scael"; ...}, the form compilers and editors use. */
    public String toText(String file) {
        return file + ":" + position + ": " + message;
    }
}
