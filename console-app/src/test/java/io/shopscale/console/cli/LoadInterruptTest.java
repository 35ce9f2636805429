package io.shopscale.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.shopscale.console.load.FakeShop;

/** {@code shopctl load} in its own process, stopped with Ctrl-C (SIGINT) as a person at a terminal does. */
class LoadInterruptTest {

    @Test
    void ctrlCEndsARunThatHadNoEndWithItsReportItsVerdictAndTheVerdictsExitCode() throws Exception {
        try (FakeShop shop = new FakeShop()) {
            ShopctlProcess load = ShopctlProcess.start("load", "--url", shop.address() + "/", "--rate", "40",
                    "--duration", "0s", "--shoppers", "2", "--min-rate", "100000");
            load.awaitOutput(" ok ", Duration.ofSeconds(60));

            load.signal("INT");

            ShopctlProcess.Result ended = load.await(Duration.ofSeconds(60));
            assertThat(ended.output()).contains("requests ").contains("latency  p50")
                    .contains("stopping: the requests in flight finish, then the report")
                    .contains("threshold crossed: --min-rate");
            assertThat(ended.exitCode()).as(ended.output()).isEqualTo(LoadCommand.THRESHOLD_CROSSED);
        }
    }
}
