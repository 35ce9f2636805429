package io.shopscale.console.cli;

import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "logs", description = "Prints the last log lines of the stack's containers, merged in the order they were "
        + "written, each prefixed by its name.")
final class LogsCommand extends EngineCommand {

    @Option(names = "--service", description = "Only this service (or role: nginx, haproxy, postgres).")
    String service;

    @Option(names = "--tail", defaultValue = "50", description = "Lines per container (default: ${DEFAULT-VALUE}).")
    int tail;

    @Override
    public Integer call() {
        out().print(engine().logs(stackName(), Optional.ofNullable(service), tail));
        return 0;
    }
}
