package io.shopscale.console.fault;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shopscale.console.topology.UserText;

/**
 * A fault an instructor switches on a running stack, named with Toxiproxy's words where they fit. Its text form,
 * {@code KIND TARGET [VALUE]}, is the same on the command line, in experiment files, in the stack's kept faults and in
 * {@code shopctl status}:
 * <ul>
 * <li>{@code latency payments 800ms}: every payment charge waits this long first (0 to 10 s), as the payments
 *     module's simulated provider does;</li>
 * <li>{@code failure payments 25%}: this share of charges fails with a 503 before anything is charged;</li>
 * <li>{@code timeout monolith:2}, {@code timeout database}: the container is frozen ({@code docker pause}); its
 *     connections stay open and nothing answers, as Toxiproxy's {@code timeout} toxic does;</li>
 * <li>{@code slow monolith:2 0.1}: the replica's CPU limit drops to this many CPUs (the CFS quota that
 *     {@code docker update --cpus} sets);</li>
 * <li>{@code down monolith:2}: the replica is killed at once (SIGKILL), as a crash would; momentary, so it is never
 *     in force: nginx routes around the dead replica and {@code heal} replaces it.</li>
 * </ul>
 * At most one fault of each kind per target is in force: {@link #key()} says which one a new one replaces.
 */
public sealed interface Fault {

    /** The service whose simulation the payment faults change. */
    String PAYMENTS = "payments";
    /** The payments module's own bound on its simulated latency. */
    Duration MAX_LATENCY = Duration.ofSeconds(10);
    List<String> KINDS = List.of("latency", "failure", "timeout", "slow", "down");

    /** {@code latency}, {@code failure}, {@code timeout}, {@code slow} or {@code down}. */
    String kind();

    /** {@code payments}, a replica ({@code monolith:2}) or {@code database}. */
    String target();

    /** The fault's size as written ({@code 800ms}, {@code 25%}, {@code 0.1}); empty for those without one. */
    String value();

    /** Whether the fault stays in force until cleared; {@code down} happens once. */
    default boolean lasting() {
        return true;
    }

    /** Which fault this one replaces: {@code latency payments}, {@code timeout database}. */
    default String key() {
        return kind() + " " + target();
    }

    /** The text form, which {@link #parse} reads back. */
    default String toText() {
        return value().isEmpty() ? key() : key() + " " + value();
    }

    /** Each payment charge waits {@code latency} before the provider answers. */
    record PaymentsLatency(Duration latency) implements Fault {
        public PaymentsLatency {
            if (latency == null || latency.isNegative() || latency.isZero() || latency.compareTo(MAX_LATENCY) > 0) {
                throw new FaultException("a payments latency is from 1ms to " + MAX_LATENCY.toSeconds() + "s");
            }
        }

        @Override
        public String kind() {
            return "latency";
        }

        @Override
        public String target() {
            return PAYMENTS;
        }

        @Override
        public String value() {
            long millis = latency.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
    }

    /** @param rate the share of payment charges that fail, above 0 up to 1 */
    record PaymentsFailure(double rate) implements Fault {
        public PaymentsFailure {
            if (!(rate > 0 && rate <= 1)) {
                throw new FaultException("a payments failure rate is above 0% and at most 100%");
            }
        }

        @Override
        public String kind() {
            return "failure";
        }

        @Override
        public String target() {
            return PAYMENTS;
        }

        @Override
        public String value() {
            return formatNumber(rate * 100) + "%";
        }
    }

    /** The target's container is frozen ({@code docker pause}). */
    record Timeout(FaultTarget on) implements Fault {
        public Timeout {
            if (on == null) {
                throw new FaultException("a timeout needs a target");
            }
        }

        @Override
        public String kind() {
            return "timeout";
        }

        @Override
        public String target() {
            return on.text();
        }

        @Override
        public String value() {
            return "";
        }
    }

    /** @param cpus the replica's CPU limit while the fault is in force, from {@link #MIN_CPUS} up to 8 */
    record Slow(FaultTarget on, double cpus) implements Fault {
        public static final double MIN_CPUS = 0.01;

        public Slow {
            if (on == null || on.isDatabase()) {
                throw new FaultException("slow acts on one replica, such as monolith:2");
            }
            if (!(cpus >= MIN_CPUS && cpus <= 8)) {
                throw new FaultException("a slow replica gets from " + MIN_CPUS + " to 8 CPUs, such as 0.1");
            }
        }

        @Override
        public String kind() {
            return "slow";
        }

        @Override
        public String target() {
            return on.text();
        }

        @Override
        public String value() {
            return formatNumber(cpus);
        }
    }

    /** The replica is killed once (SIGKILL). */
    record Down(FaultTarget on) implements Fault {
        public Down {
            if (on == null || on.isDatabase()) {
                throw new FaultException("down acts on one replica, such as monolith:2; to stop the database "
                        + "answering, use timeout database");
            }
        }

        @Override
        public boolean lasting() {
            return false;
        }

        @Override
        public String kind() {
            return "down";
        }

        @Override
        public String target() {
            return on.text();
        }

        @Override
        public String value() {
            return "";
        }
    }

    /**
     * Reads a fault's text form, words separated by spaces: {@code latency payments 800ms}.
     *
     * @throws FaultException naming the word that is wrong and what is allowed
     */
    static Fault parse(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            throw new FaultException("no fault given; " + usage());
        }
        String kind = words.get(0);
        return switch (kind) {
            case "latency" -> new PaymentsLatency(latency(shaped(words, 3, "latency payments 800ms")));
            case "failure" -> new PaymentsFailure(rate(shaped(words, 3, "failure payments 25%")));
            case "timeout" -> new Timeout(FaultTarget.parse(shaped(words, 2, "timeout monolith:2").get(1)));
            case "slow" -> {
                List<String> slow = shaped(words, 3, "slow monolith:2 0.1");
                yield new Slow(FaultTarget.parse(slow.get(1)), cpus(slow.get(2)));
            }
            case "down" -> new Down(FaultTarget.parse(shaped(words, 2, "down monolith:2").get(1)));
            default -> throw new FaultException("unknown fault " + UserText.quote(kind) + "; " + usage());
        };
    }

    /** The words of {@code text}, split at runs of spaces. */
    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    /** The faults there are, one example each, for error messages and help. */
    static String usage() {
        return "faults are latency payments 800ms, failure payments 25%, timeout monolith:2, timeout database, "
                + "slow monolith:2 0.1, down monolith:2";
    }

    /** The kind and target of a fault, checked: {@code latency payments}, {@code timeout monolith:2}. */
    static String key(String kind, String target) {
        if (!KINDS.contains(kind)) {
            throw new FaultException("unknown fault " + UserText.quote(kind) + "; " + usage());
        }
        if (kind.equals("latency") || kind.equals("failure")) {
            if (!PAYMENTS.equals(target)) {
                throw new FaultException(kind + " acts on payments, not " + UserText.quote(target));
            }
            return kind + " " + target;
        }
        return kind + " " + FaultTarget.parse(target).text();
    }

    /** The words, when there are {@code count} of them and a payments fault names payments. */
    private static List<String> shaped(List<String> words, int count, String example) {
        if (words.size() != count) {
            throw new FaultException(UserText.quote(String.join(" ", words)) + (words.size() < count
                    ? " is incomplete" : " has words too many") + "; write it as " + example);
        }
        if (example.contains(PAYMENTS) && !PAYMENTS.equals(words.get(1))) {
            throw new FaultException(words.get(0) + " acts on payments, not " + UserText.quote(words.get(1))
                    + "; write it as " + example);
        }
        return words;
    }

    private static Duration latency(List<String> words) {
        String text = words.get(2);
        Matcher matcher = Pattern.compile("([0-9]{1,6})(ms|s)").matcher(text);
        if (!matcher.matches()) {
            throw new FaultException("bad latency " + UserText.quote(text) + "; write whole milliseconds or seconds: "
                    + "800ms, 2s");
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
    }

    private static double rate(List<String> words) {
        String text = words.get(2);
        try {
            return text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FaultException("bad failure rate " + UserText.quote(text) + "; write 25% or 0.25");
        }
    }

    private static double cpus(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FaultException("bad CPU limit " + UserText.quote(text) + "; write a number of CPUs, such as 0.1");
        }
    }

    private static String formatNumber(double number) {
        return new BigDecimal(number).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
