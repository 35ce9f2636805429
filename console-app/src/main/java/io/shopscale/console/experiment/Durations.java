package io.shopscale.console.experiment;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations and shares as experiment files write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1m30s}; {@code 1%}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m))+");

    private Durations() {
    }

    /** @return null when the text is not a duration */
    public static Duration parse(String text) {
        String compact = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (!WHOLE.matcher(compact).matches()) {
            return null;
        }
        Matcher part = PART.matcher(compact);
        double millis = 0;
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1000;
                default -> amount * 60_000;
            };
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** A share: {@code 1%} or {@code 0.01}; null when not one, or outside 0 to 1. */
    public static Double parseShare(String text) {
        String value = text.strip();
        try {
            double share = value.endsWith("%")
                    ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100
                    : Double.parseDouble(value);
            return share >= 0 && share <= 1 ? share : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Rounds down to whole seconds. */
    public static long wholeSeconds(Duration duration) {
        return duration.toSeconds();
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1m30s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60 || seconds % 60 != 0 && seconds < 120) {
            return seconds + "s";
        }
        return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }

    public static String formatRate(double rate) {
        return (rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.1f", rate))
                + "/s";
    }
}
