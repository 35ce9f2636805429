package io.shopscale.console.fault;

import java.util.List;

/**
 * Switching faults: one on, one off, or all off. Its text form is a fault's ({@code latency payments 800ms}), or
 * {@code clear} followed by a fault's kind and target ({@code clear latency payments}), or {@code clear all}: the
 * words of {@code shopctl fault set|clear} and of an experiment file's {@code fault:} step.
 */
public sealed interface FaultChange {

    /** The text form, which {@link #parse} reads back. */
    String toText();

    /** Switches {@code fault} on, in place of one with the same {@link Fault#key()}. */
    record On(Fault fault) implements FaultChange {
        @Override
        public String toText() {
            return fault.toText();
        }
    }

    /** @param key a fault's kind and target, {@code latency payments} */
    record Off(String key) implements FaultChange {
        public Off {
            List<String> words = Fault.words(key);
            if (words.size() != 2) {
                throw new FaultException("clear names a fault's kind and target, such as clear latency payments, "
                        + "or says clear all");
            }
            key = Fault.key(words.get(0), words.get(1));
        }

        @Override
        public String toText() {
            return "clear " + key;
        }
    }

    /** Every fault off. */
    record AllOff() implements FaultChange {
        @Override
        public String toText() {
            return "clear all";
        }
    }

    /**
     * Reads {@code latency payments 800ms}, {@code clear latency payments} or {@code clear all}; the value of a fault
     * being cleared may be given too ({@code clear latency payments 800ms}).
     *
     * @throws FaultException naming what is wrong
     */
    static FaultChange parse(String text) {
        List<String> words = Fault.words(text);
        if (words.isEmpty() || !words.get(0).equals("clear")) {
            return new On(Fault.parse(text));
        }
        List<String> rest = words.subList(1, words.size());
        if (rest.equals(List.of("all"))) {
            return new AllOff();
        }
        if (rest.size() == 3) {
            return new Off(Fault.parse(String.join(" ", rest)).key());
        }
        return new Off(String.join(" ", rest));
    }
}
