package io.shopscale.console.experiment;

/** Where something is in an experiment file: 1-based line and column, as editors show them. */
public record Position(int line, int column) {

    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
