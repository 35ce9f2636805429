package io.shopscale.console.experiment;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.topology.Mode;

/**
 * One thing the timeline does at a moment. {@code at} counts from the start of the timeline (after the steady-state
 * check); clean-up steps run one after the other and have {@code at} zero. {@code name} is how assertions refer to a
 * step; unnamed steps get {@code step-N} (1-based, in file order).
 */
public sealed interface Step {

    Duration at();

    String name();

    /** What the step does, for the live lines, the report's event lines and the engine's log. */
    String describe();

    /** Open-loop load at {@code rate} requests/s, reached over {@code ramp}; a null mix keeps the current one. */
    record Load(Duration at, String name, double rate, Duration ramp, ScenarioMix mix) implements Step {
        @Override
        public String describe() {
            return "load " + Durations.formatRate(rate) + (ramp.isZero() ? "" : " over " + Durations.format(ramp))
                    + (mix == null ? "" : " mix " + mix.toText());
        }
    }

    /** Replica counts per service, as {@code shopctl scale}. */
    record Scale(Duration at, String name, Map<String, Integer> replicas) implements Step {
        public Scale {
            replicas = new TreeMap<>(replicas);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("scale");
            replicas.forEach((service, count) -> text.append(' ').append(service).append('=').append(count));
            return text.toString();
        }
    }

    /** Switches the running stack to another mode, each service of it at {@code replicas}. */
    record SwitchMode(Duration at, String name, Mode mode, int replicas) implements Step {
        @Override
        public String describe() {
            return "switch to " + mode.label() + " mode";
        }
    }

    /** Kills replica {@code replica} of {@code service} (SIGKILL); replica 0 means the first ready one. */
    record Kill(Duration at, String name, String service, int replica) implements Step {
        @Override
        public String describe() {
            return "kill " + service + (replica == 0 ? "" : " replica " + replica);
        }
    }

    /** Brings the stack back to what was asked of it, as {@code shopctl heal}. */
    record Heal(Duration at, String name) implements Step {
        @Override
        public String describe() {
            return "heal";
        }
    }

    /**
     * Switches a fault on or off, or all off ({@code fault: latency payments 800ms}, {@code fault: clear latency
     * payments}, {@code fault: clear all}), as {@code shopctl fault}.
     */
    record SwitchFault(Duration at, String name, FaultChange change) implements Step {
        @Override
        public String describe() {
            return "fault " + change.toText();
        }
    }

    /** Only a line on the charts and in the report. */
    record Mark(Duration at, String name, String text) implements Step {
        @Override
        public String describe() {
            return "mark: " + text;
        }
    }
}
