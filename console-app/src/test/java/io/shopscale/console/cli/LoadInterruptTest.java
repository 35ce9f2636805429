package io.shopscale.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.shopscale.console.load.FakeShop;

/** {@code shopctl load} in its own process, stopped with Ctrl-C (SIGINT) as a person at a terminal does. */
@DisabledOnOs(OS.WINDOWS)
class LoadInterruptTest {

    @Test
    void ctrlCEndsARunThatHadNoEndWithItsReportItsVerdictAndTheVerdictsExitCode() throws Exception {
        try (FakeShop shop = new FakeShop()) {
            Process load = shopctl("load", "--url", shop.address() + "/", "--rate", "40", "--duration", "0s",
                    "--shoppers", "2", "--min-rate", "100000");
            StringBuffer out = collect(load.getInputStream());
            StringBuffer err = collect(load.getErrorStream());
            awaitText(out, " ok ", Duration.ofSeconds(60));

            new ProcessBuilder("kill", "-INT", Long.toString(load.pid())).start().waitFor();

            assertThat(load.waitFor(60, TimeUnit.SECONDS)).as("ended after Ctrl-C:\n" + out + err).isTrue();
            assertThat(out.toString()).as(out.toString()).contains("requests ").contains("latency  p50");
            assertThat(err.toString()).contains("stopping: the requests in flight finish, then the report")
                    .contains("threshold crossed: --min-rate");
            assertThat(load.exitValue()).isEqualTo(LoadCommand.THRESHOLD_CROSSED);
        }
    }

    private static Process shopctl(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ShopCtl.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static StringBuffer collect(InputStream stream) {
        StringBuffer text = new StringBuffer();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                    text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (IOException ended) {
                // The process is gone.
            }
        });
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static void awaitText(StringBuffer text, String wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!text.toString().contains(wanted)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + wanted + "' within " + timeout + ":\n" + text);
            }
            Thread.sleep(100);
        }
    }
}
