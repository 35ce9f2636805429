package io.shopscale.console.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.shopscale.console.engine.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Shows the stack's containers, their state and readiness, and the shop's URL.")
final class StatusCommand extends EngineCommand {

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StackStatus status = engine().status(stackName());
        if (json) {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
        } else {
            out().print(status.toText());
        }
        return 0;
    }
}
