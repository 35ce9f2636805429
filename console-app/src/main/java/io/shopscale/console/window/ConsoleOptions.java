package io.shopscale.console.window;

import java.util.List;

import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The window's command line: which stack it shows and drives, and the port a new stack publishes. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Opens the ShopScale window: start the shop, scale it with a slider, watch it under load.")
public final class ConsoleOptions {

    @Option(names = "--stack", defaultValue = "shop", description = "Stack name (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--cpus", description = "CPU limit per replica of a stack the window starts, and the load "
            + "slider's range in proportion (default: 0.175 per core of this host, at most the seed's 1: 0.35 on 2 "
            + "cores, where three replicas, nginx, PostgreSQL and the load generator then fit the host and three warm "
            + "replicas held 2.75 and 3.47 times what one held in two runs of bin/bench-scaling).")
    Double cpus;

    private ConsoleOptions() {
    }

    /**
     * @throws CommandLine.ParameterException for an unknown option or a missing value
     * @throws TopologyException             for a bad stack name or port
     */
    public static ConsoleOptions parse(List<String> args) {
        ConsoleOptions options = new ConsoleOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        options.stackName();
        options.limits();
        if (options.port < DesiredTopology.MIN_PORT || options.port > DesiredTopology.MAX_PORT) {
            throw new TopologyException("port " + options.port + " is out of range: use " + DesiredTopology.MIN_PORT
                    + " to " + DesiredTopology.MAX_PORT);
        }
        return options;
    }

    public StackName stackName() {
        return StackName.of(stack);
    }

    public int port() {
        return port;
    }

    /**
     * Each replica's limits in a stack the window starts: {@code --cpus}, else {@link Limits#forDemo} for this host's
     * cores, with the default memory.
     *
     * @throws TopologyException for a CPU limit out of {@link Limits}' range
     */
    public Limits limits() {
        return cpus == null ? Limits.forDemo(Runtime.getRuntime().availableProcessors())
                : new Limits(cpus, Limits.DEFAULT.memoryMb());
    }
}
