package io.shopscale.console.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = "Stops and removes the stack's containers; keeps its data unless --volumes.")
final class DownCommand extends EngineCommand {

    @Option(names = "--volumes", description = "Also remove the database and static volumes, and the stack's secrets.")
    boolean volumes;

    @Override
    public Integer call() {
        engine().down(stackName(), volumes, printer());
        out().println("Stack " + stack + " is down.");
        return 0;
    }
}
