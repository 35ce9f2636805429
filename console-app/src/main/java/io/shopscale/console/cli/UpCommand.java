package io.shopscale.console.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", description = "Starts the shop (or brings a running one to these settings) and prints its URL.")
final class UpCommand extends EngineCommand {

    @Option(names = "--mode", defaultValue = "monolith", description = "monolith or services (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--replicas", defaultValue = "1", description = "Replicas of each service (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--cpus", description = "CPU limit per replica (default: 1).")
    Double cpus;

    @Option(names = "--memory", description = "Memory limit per replica in MB.")
    Integer memoryMb;

    @Option(names = "--replica-concurrency", paramLabel = "N", description = "Requests in flight per replica at "
            + "most; when every replica of a service has that many, nginx turns further requests away at once with a "
            + "503 and Retry-After (shedding load) instead of queueing them. 0: no limit. Default: "
            + Limits.REPLICA_CONCURRENCY_PER_CPU + " per CPU of --cpus (64 at 1 CPU, 22 at 0.35). On a running stack, "
            + "the new limit takes effect at once, with no reload of nginx.")
    Integer replicaConcurrency;

    @Option(names = "--engine", description = "What runs the app tiers: docker (containers on this engine) or swarm "
            + "(replicated services on this engine's swarm). Default: the engine the stack runs on; docker for a new "
            + "stack. The stack remembers it, so scale, status, heal and down need no flag.")
    String engine;

    @Override
    public Integer call() {
        Mode chosen = Mode.parse(mode);
        Map<String, Integer> counts = new LinkedHashMap<>();
        chosen.services().forEach(service -> counts.put(service, replicas));
        Limits limits = new Limits(cpus == null ? Limits.DEFAULT.cpus() : cpus,
                memoryMb == null ? Limits.DEFAULT.memoryMb() : memoryMb);
        if (replicaConcurrency != null) {
            limits = limits.withReplicaConcurrency(replicaConcurrency);
        }
        DesiredTopology desired = new DesiredTopology(stackName(), chosen, counts, limits, port);
        if (engine == null) {
            engine().up(desired, printer());
        } else {
            engine().up(desired, EngineKind.parse(engine), printer());
        }
        out().println("The shop is up at " + StackEngine.url(port));
        return 0;
    }
}
