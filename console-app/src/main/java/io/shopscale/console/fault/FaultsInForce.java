package io.shopscale.console.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The faults in force on a stack, at most one per {@link Fault#key()}, in a stable order (by key). Kept with the stack
 * as {@link #toText()}, one fault per line, so that a forgotten one outlives {@code down} and {@code up} and is
 * shown again.
 */
public record FaultsInForce(List<Fault> faults) {

    public static final FaultsInForce NONE = new FaultsInForce(List.of());

    public FaultsInForce {
        List<Fault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparing(Fault::key));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
                throw new FaultException("two faults " + sorted.get(i).key() + " at once");
            }
        }
        if (sorted.stream().anyMatch(fault -> !fault.lasting())) {
            throw new FaultException("a momentary fault is never in force");
        }
        faults = List.copyOf(sorted);
    }

    /**
     * What is in force after {@code change}; a momentary fault ({@code down}) changes nothing.
     *
     * @throws FaultException when {@code change} clears a fault that is not in force
     */
    public FaultsInForce after(FaultChange change) {
        if (change instanceof FaultChange.On on) {
            if (!on.fault().lasting()) {
                return this;
            }
            List<Fault> changed = new ArrayList<>(without(fault -> fault.key().equals(on.fault().key())));
            changed.add(on.fault());
            return new FaultsInForce(changed);
        }
        if (change instanceof FaultChange.Off off) {
            if (find(off.key()).isEmpty()) {
                throw new FaultException("no fault " + off.key() + " is in force" + (faults.isEmpty() ? ""
                        : "; in force: " + String.join(", ", texts())));
            }
            return new FaultsInForce(without(fault -> fault.key().equals(off.key())));
        }
        return NONE;
    }

    /** The faults in force that {@code kept} keeps: those of a replica that a scale removed go. */
    public FaultsInForce retain(Predicate<Fault> kept) {
        return new FaultsInForce(faults.stream().filter(kept).toList());
    }

    public Optional<Fault> find(String key) {
        return faults.stream().filter(fault -> fault.key().equals(key)).findFirst();
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** Each fault's text form, in order. */
    public List<String> texts() {
        return faults.stream().map(Fault::toText).toList();
    }

    /** The latency each payment charge waits: zero without a latency fault. */
    public Duration paymentsLatency() {
        return faults.stream().filter(Fault.PaymentsLatency.class::isInstance).map(Fault.PaymentsLatency.class::cast)
                .map(Fault.PaymentsLatency::latency).findFirst().orElse(Duration.ZERO);
    }

    /** The share of payment charges that fail: zero without a failure fault. */
    public double paymentsFailureRate() {
        return faults.stream().filter(Fault.PaymentsFailure.class::isInstance).map(Fault.PaymentsFailure.class::cast)
                .mapToDouble(Fault.PaymentsFailure::rate).findFirst().orElse(0);
    }

    /** The targets frozen by a {@code timeout}. */
    public List<FaultTarget> frozen() {
        return faults.stream().filter(Fault.Timeout.class::isInstance).map(f -> ((Fault.Timeout) f).on()).toList();
    }

    /** The CPU limit a {@code slow} fault sets on {@code replica}, if one does. */
    public Optional<Double> cpusOf(FaultTarget replica) {
        return faults.stream().filter(Fault.Slow.class::isInstance).map(Fault.Slow.class::cast)
                .filter(slow -> slow.on().equals(replica)).map(Fault.Slow::cpus).findFirst();
    }

    /** One fault per line, after a comment that says what the file is. */
    public String toText() {
        StringBuilder text = new StringBuilder("# Faults in force on this stack, one per line (shopctl fault list)\n");
        texts().forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * Reads what {@link #toText()} wrote; blank lines and {@code #} comments are skipped.
     *
     * @throws FaultException naming the line that cannot be read
     */
    public static FaultsInForce parse(String text) {
        List<Fault> faults = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                faults.add(Fault.parse(line));
            } catch (FaultException e) {
                throw new FaultException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new FaultsInForce(faults);
    }

    private List<Fault> without(Predicate<Fault> gone) {
        return faults.stream().filter(gone.negate()).toList();
    }
}
