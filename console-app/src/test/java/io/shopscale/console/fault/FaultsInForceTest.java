package io.shopscale.console.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** What is in force after each change, the simulation's values, and the text kept with the stack. */
class FaultsInForceTest {

    @Test
    void aFaultReplacesTheOneOfTheSameKindAndTargetAndClearingRemovesIt() {
        FaultsInForce faults = FaultsInForce.NONE
                .after(FaultChange.parse("latency payments 800ms"))
                .after(FaultChange.parse("timeout monolith:2"))
                .after(FaultChange.parse("slow monolith:2 0.2"))
                .after(FaultChange.parse("latency payments 2s"));

        assertThat(faults.texts()).containsExactly("latency payments 2s", "slow monolith:2 0.2",
                "timeout monolith:2");
        assertThat(faults.paymentsLatency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(faults.paymentsFailureRate()).isZero();
        assertThat(faults.frozen()).containsExactly(new FaultTarget("monolith", 2));
        assertThat(faults.cpusOf(new FaultTarget("monolith", 2))).contains(0.2);
        assertThat(faults.cpusOf(new FaultTarget("monolith", 1))).isEmpty();
        assertThat(faults.after(FaultChange.parse("clear timeout monolith:2")).texts())
                .containsExactly("latency payments 2s", "slow monolith:2 0.2");
        assertThat(faults.after(FaultChange.parse("down monolith:1"))).as("a momentary fault keeps nothing")
                .isEqualTo(faults);
        assertThat(faults.after(new FaultChange.AllOff()).isEmpty()).isTrue();
        assertThatThrownBy(() -> faults.after(FaultChange.parse("clear failure payments")))
                .isInstanceOf(FaultException.class).hasMessage("no fault failure payments is in force; in force: "
                        + "latency payments 2s, slow monolith:2 0.2, timeout monolith:2");
    }

    @Test
    void theKeptTextReadsBackTheSameFaults() {
        FaultsInForce faults = FaultsInForce.NONE.after(FaultChange.parse("failure payments 100%"))
                .after(FaultChange.parse("timeout database"));

        String text = faults.toText();

        assertThat(text).isEqualTo("# Faults in force on this stack, one per line (shopctl fault list)\n"
                + "failure payments 100%\ntimeout database\n");
        assertThat(FaultsInForce.parse(text)).isEqualTo(faults);
        assertThat(FaultsInForce.parse("\n  # a note\ntimeout database\n\n").texts())
                .containsExactly("timeout database");
        assertThatThrownBy(() -> FaultsInForce.parse("timeout database\npause monolith:1\n"))
                .hasMessageStartingWith("line 2: unknown fault \"pause\"");
        assertThatThrownBy(() -> FaultsInForce.parse("timeout database\ntimeout database\n"))
                .hasMessage("two faults timeout database at once");
    }
}
