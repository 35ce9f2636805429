package io.shopscale.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** {@code shopctl fault} refuses bad fault text as a usage error (exit 2) before it asks any engine anything. */
class FaultCommandTest {

    private record Run(int exitCode, String output) {
    }

    private static Run shopctl(String... args) {
        StringWriter out = new StringWriter();
        int exitCode = ShopCtl.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Run(exitCode, out.toString());
    }

    @Test
    void badFaultTextIsAUsageErrorThatSaysWhatIsAllowed() {
        assertRefused(shopctl("fault", "set", "jitter", "payments", "5ms"), "unknown fault \"jitter\"; faults are "
                + "latency payments 800ms, failure payments 25%, timeout monolith:2");
        assertRefused(shopctl("fault", "set", "latency", "payments", "fast"), "bad latency \"fast\"");
        assertRefused(shopctl("fault", "set", "timeout", "monolith-2"), "unknown target \"monolith-2\"");
        assertRefused(shopctl("fault", "set", "slow", "monolith:1", "0"), "from 0.01 to 8 CPUs");
        assertRefused(shopctl("fault", "set", "clear", "all"), "to clear a fault, use `shopctl fault clear all`");
        assertRefused(shopctl("fault", "clear"), "name the fault to clear (clear latency payments) or say --all");
        assertRefused(shopctl("fault", "clear", "--all", "latency", "payments"), "--all clears every fault");
        assertRefused(shopctl("fault", "clear", "pause", "monolith:1"), "unknown fault \"pause\"");
        assertRefused(shopctl("fault"), "say list, set or clear");
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
