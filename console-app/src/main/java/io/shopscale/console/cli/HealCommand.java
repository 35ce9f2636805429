package io.shopscale.console.cli;

import java.time.Duration;

import io.shopscale.console.engine.ProblemText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "heal", description = "Brings the stack back to its own replica counts: replaces replicas that died "
        + "or were killed. With --watch it keeps doing so, as the console window does.")
final class HealCommand extends EngineCommand {

    @Option(names = "--watch", description = "Keep healing every few seconds until interrupted.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "2", description = "Seconds between checks with --watch (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        var engine = engine();
        do {
            try {
                if (!engine.heal(stackName(), printer()).isEmpty()) {
                    out().println("Healed.");
                }
            } catch (RuntimeException e) {
                if (!watch) {
                    throw e;
                }
                // One failed round (a replacement that did not get ready) must not end the watch: say it, go on.
                out().println("heal: " + ProblemText.describe(e, "The next round tries again."));
            }
            if (watch) {
                Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
            }
        } while (watch);
        return 0;
    }
}
