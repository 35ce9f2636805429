package io.shopscale.console.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.topology.StackName;
import picocli.CommandLine;

/** What every subcommand shares: the stack's name, and the engine port on the local Docker. */
abstract class EngineCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--stack", defaultValue = "shop", description = "Stack name (default: ${DEFAULT-VALUE}).")
    String stack;

    @CommandLine.Option(names = "--no-wait", description = "When another command is changing the stack, fail at once "
            + "instead of waiting for it to finish.")
    boolean noWait;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    StackName stackName() {
        return StackName.of(stack);
    }

    ShopEngine engine() {
        return StackEngine.onLocalDocker(Path.of(System.getProperty("user.home"), ".shopscale"), "shopctl", !noWait);
    }

    /** Prints the engine's events as they come. */
    ShopEngine.EngineListener printer() {
        return new EventPrinter(out());
    }
}
