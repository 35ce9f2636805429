package io.shopscale.console.cli;

import java.time.Duration;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "heal", description = "Brings the stack back to its own replica counts: replaces replicas that died "
        + "or were killed. With --watch it keeps doing so, as the console window does.")
final class HealCommand extends EngineCommand {

    @Option(names = "--watch", description = "Keep healing every few seconds until interrupted.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "5", description = "Seconds between checks with --watch (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        var engine = engine();
        do {
            var plan = engine.scale(stackName(), Map.of(), new ProgressPrinter(out()));
            if (!plan.isEmpty()) {
                out().println("Healed.");
            }
            if (watch) {
                Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
            }
        } while (watch);
        return 0;
    }
}
