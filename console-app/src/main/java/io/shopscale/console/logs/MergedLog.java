package io.shopscale.console.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last lines of several containers merged into one stream in the order they were written, each line prefixed
 * with its container: {@code shop-orders-2 | text}. It reads what Docker returns with timestamps, where each line
 * starts with the time the container wrote it ({@code 2026-11-29T03:40:34.123456789Z text}).
 */
public final class MergedLog {

    private record Line(Instant time, String container, String text) {
    }

    private final List<Line> lines = new ArrayList<>();

    /**
     * Adds one container's timestamped lines. A line without a timestamp, such as a note that the logs could not
     * be read, keeps its place after the container's line before it.
     */
    public void add(String container, String timestampedText) {
        Instant previous = Instant.EPOCH;
        for (String line : timestampedText.lines().toList()) {
            int space = line.indexOf(' ');
            Instant time = parse(space < 0 ? line : line.substring(0, space));
            if (time == null) {
                lines.add(new Line(previous, container, line));
            } else {
                lines.add(new Line(time, container, space < 0 ? "" : line.substring(space + 1)));
                previous = time;
            }
        }
    }

    /** Every line added, oldest first; lines written at the same instant keep the order they were added in. */
    public String text() {
        StringBuilder text = new StringBuilder();
        lines.stream().sorted(Comparator.comparing(Line::time)).forEach(line ->
                text.append(line.container()).append(" | ").append(line.text()).append('\n'));
        return text.toString();
    }

    private static Instant parse(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException notATimestamp) {
            return null;
        }
    }
}
