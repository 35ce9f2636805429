package io.shopscale.console.cli;

import java.io.PrintWriter;
import java.util.List;

import io.shopscale.console.fault.Fault;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultException;
import io.shopscale.console.fault.FaultsInForce;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shopctl fault list|set|clear}: the faults an instructor switches on a running stack (see {@link Fault}). Bad
 * fault text is a usage error (exit 2) that says what is allowed.
 */
@Command(name = "fault", description = "Faults for demos and experiments: payments latency and failures, a frozen "
        + "or slow replica, a frozen database, a killed replica. They stay in force, also across down and up, until "
        + "cleared.",
        subcommands = {FaultCommand.ListFaults.class, FaultCommand.SetFault.class, FaultCommand.ClearFaults.class})
final class FaultCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say list, set or clear");
    }

    @Command(name = "list", description = "Shows the faults in force on the stack.")
    static final class ListFaults extends EngineCommand {

        @Override
        public Integer call() {
            print(out(), engine().faults(stackName()));
            return 0;
        }
    }

    @Command(name = "set", description = "Switches a fault on (in place of one of the same kind and target): "
            + "latency payments 800ms | failure payments 25%% | timeout monolith:2 | timeout database | "
            + "slow monolith:2 0.1 | down monolith:2")
    static final class SetFault extends EngineCommand {

        @Parameters(arity = "2..3", paramLabel = "KIND TARGET [VALUE]",
                description = "latency payments 800ms: each charge waits first (up to 10s); "
                        + "failure payments 25%%: that share of charges fails; "
                        + "timeout REPLICA|database: frozen (docker pause); "
                        + "slow REPLICA CPUS: CPU limit lowered (docker update --cpus); "
                        + "down REPLICA: killed once, as a crash (heal replaces it). A replica is service:number.")
        List<String> words;

        @Override
        public Integer call() {
            FaultChange change = parse(spec, String.join(" ", words));
            if (!(change instanceof FaultChange.On)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "to clear a fault, use `shopctl fault clear " + String.join(" ", words.subList(1,
                                words.size())) + "`");
            }
            print(out(), engine().switchFault(stackName(), change, printer()));
            return 0;
        }
    }

    @Command(name = "clear", description = "Switches one fault off (clear latency payments), or all of them "
            + "(clear --all).")
    static final class ClearFaults extends EngineCommand {

        @Option(names = "--all", description = "Clear every fault in force.")
        boolean all;

        @Parameters(arity = "0..3", paramLabel = "KIND TARGET", description = "The fault's kind and target, as "
                + "`shopctl fault list` shows them.")
        List<String> words = List.of();

        @Override
        public Integer call() {
            if (all == !words.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), all
                        ? "--all clears every fault; name no fault with it"
                        : "name the fault to clear (clear latency payments) or say --all");
            }
            FaultChange change = all ? new FaultChange.AllOff() : parse(spec, "clear " + String.join(" ", words));
            print(out(), engine().switchFault(stackName(), change, printer()));
            return 0;
        }
    }

    /** Reads a fault change; bad text is a usage error that says what is allowed. */
    static FaultChange parse(CommandLine.Model.CommandSpec spec, String text) {
        try {
            return FaultChange.parse(text);
        } catch (FaultException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static void print(PrintWriter out, FaultsInForce faults) {
        if (faults.isEmpty()) {
            out.println("No faults in force.");
            return;
        }
        out.println("Faults in force:");
        faults.texts().forEach(fault -> out.println("  " + fault));
    }
}
