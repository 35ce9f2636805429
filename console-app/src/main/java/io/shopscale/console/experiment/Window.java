package io.shopscale.console.experiment;

/**
 * A span of whole seconds, {@code [start, end)}, counted from an origin the owner names (the timeline's start in an
 * {@link Experiment}, the run's start in a {@link Recording}).
 */
public record Window(long start, long end) {

    public Window {
        if (end < start) {
            throw new IllegalArgumentException("a window ends before it starts: " + start + ".." + end);
        }
    }

    public long seconds() {
        return end - start;
    }

    public Window shift(long seconds) {
        return new Window(start + seconds, end + seconds);
    }

    public boolean contains(long second) {
        return second >= start && second < end;
    }
}
