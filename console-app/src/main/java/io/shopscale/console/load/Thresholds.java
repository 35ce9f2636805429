package io.shopscale.console.load;

import io.shopscale.console.topology.UserText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.shopscale.console.metrics.LatencySummary;

/**
 * Pass/fail limits for a run, so {@code shopctl load} can fail a CI job: {@code --max-error-rate 0.01}
 * ({@code 1%} works too), {@code --max-p50}, {@code --max-p95}, {@code --max-p99} and {@code --max-latency} with a
 * unit ({@code 500ms}, {@code 1.5s}), {@code --min-rate 290} in successful requests per second. Immutable.
 */
public final class Thresholds {

    private static final Pattern LATENCY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s)");
    private static final Pattern RATIO = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%?)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/s)?");

    private enum Unit { RATIO, MILLIS, RATE }

    private enum Limit {
        MAX_ERROR_RATE("max-error-rate", Unit.RATIO, true, LoadReport::errorRate),
        MAX_P50("max-p50", Unit.MILLIS, true, report -> report.latency().p50Millis()),
        MAX_P95("max-p95", Unit.MILLIS, true, report -> report.latency().p95Millis()),
        MAX_P99("max-p99", Unit.MILLIS, true, report -> report.latency().p99Millis()),
        MAX_LATENCY("max-latency", Unit.MILLIS, true, report -> report.latency().maxMillis()),
        MIN_RATE("min-rate", Unit.RATE, false, LoadReport::achievedRate);

        final String option;
        final Unit unit;
        final boolean isMaximum;
        final ToDoubleFunction<LoadReport> measure;

        Limit(String name, Unit unit, boolean isMaximum, ToDoubleFunction<LoadReport> measure) {
            this.option = "--" + name;
            this.unit = unit;
            this.isMaximum = isMaximum;
            this.measure = measure;
        }
    }

    private record Setting(double value, String text) {
    }

    private final Map<Limit, Setting> settings;

    private Thresholds(Map<Limit, Setting> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    public static Thresholds none() {
        return new Thresholds(new EnumMap<>(Limit.class));
    }

    /** The option names this class reads, with their dashes. */
    public static List<String> options() {
        return Arrays.stream(Limit.values()).map(limit -> limit.option).collect(Collectors.toList());
    }

    /** Reads {@code --max-p99 500ms} and {@code --max-p99=500ms} forms; every argument must be a threshold. */
    public static Thresholds parse(List<String> arguments) {
        Thresholds thresholds = none();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            if (equals >= 0) {
                thresholds = thresholds.with(argument.substring(0, equals), argument.substring(equals + 1));
            } else if (i + 1 < arguments.size()) {
                thresholds = thresholds.with(argument, arguments.get(++i));
            } else {
                Limit limit = limit(argument);
                throw new LoadSettingsException(limit.option + " needs a value, for example " + limit.option + " "
                        + example(limit));
            }
        }
        return thresholds;
    }

    /** A copy with one limit set; {@code option} may be given with or without its leading dashes. */
    public Thresholds with(String option, String value) {
        Limit limit = limit(option);
        Map<Limit, Setting> changed = new EnumMap<>(Limit.class);
        changed.putAll(settings);
        changed.put(limit, new Setting(parseValue(limit, value), value.strip()));
        return new Thresholds(changed);
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** The limits the report breaks, in option order; empty when it passes. */
    public List<ThresholdViolation> evaluate(LoadReport report) {
        List<ThresholdViolation> violations = new ArrayList<>();
        settings.forEach((limit, setting) -> {
            double measured = limit.measure.applyAsDouble(report);
            boolean broken = limit.isMaximum ? measured > setting.value() : measured < setting.value();
            if (broken) {
                violations.add(new ThresholdViolation(limit.option, setting.text(), format(limit.unit, measured)));
            }
        });
        return violations;
    }

    /** The options as a command line would give them. */
    public String toText() {
        return settings.entrySet().stream()
                .map(entry -> entry.getKey().option + " " + entry.getValue().text())
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return toText();
    }

    private static Limit limit(String option) {
        String name = option == null ? "" : option.strip();
        String withDashes = name.startsWith("--") ? name : "--" + name;
        return Arrays.stream(Limit.values())
                .filter(limit -> limit.option.equals(withDashes))
                .findFirst()
                .orElseThrow(() -> new LoadSettingsException("unknown threshold " + UserText.quote(option)
                        + "; use " + String.join(", ", options())));
    }

    private static double parseValue(Limit limit, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = pattern(limit.unit).matcher(text);
        if (!matcher.matches()) {
            throw new LoadSettingsException(limit.option + " " + UserText.quote(value) + " is not understood; write it like "
                    + limit.option + " " + example(limit));
        }
        double number = Double.parseDouble(matcher.group(1));
        return switch (limit.unit) {
            case RATIO -> ratio(limit, value, matcher.group(2).isEmpty() ? number : number / 100);
            case MILLIS -> switch (matcher.group(2)) {
                case "us" -> number / 1000;
                case "s" -> number * 1000;
                default -> number;
            };
            case RATE -> number;
        };
    }

    private static double ratio(Limit limit, String value, double ratio) {
        if (ratio > 1) {
            throw new LoadSettingsException(limit.option + " " + UserText.quote(value)
                    + " is above 1; an error rate is a fraction like 0.01 or a percentage like 1%");
        }
        return ratio;
    }

    private static Pattern pattern(Unit unit) {
        return switch (unit) {
            case RATIO -> RATIO;
            case MILLIS -> LATENCY;
            case RATE -> RATE;
        };
    }

    private static String example(Limit limit) {
        return switch (limit.unit) {
            case RATIO -> "0.01";
            case MILLIS -> "500ms";
            case RATE -> "290";
        };
    }

    private static String format(Unit unit, double measured) {
        return switch (unit) {
            case RATIO -> String.format(Locale.ROOT, "%.4f", measured);
            case MILLIS -> LatencySummary.format(measured);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", measured);
        };
    }
}
