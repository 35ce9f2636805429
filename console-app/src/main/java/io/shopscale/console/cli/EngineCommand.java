package io.shopscale.console.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.engine.ShopArtifacts;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.topology.StackName;
import picocli.CommandLine;

/** What every subcommand shares: the stack's name, and an engine on the local Docker. */
abstract class EngineCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--stack", defaultValue = "shop", description = "Stack name (default: ${DEFAULT-VALUE}).")
    String stack;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    StackName stackName() {
        return StackName.of(stack);
    }

    StackEngine engine() {
        return new StackEngine(DockerEngines.connect(), ShopArtifacts.locate(),
                Path.of(System.getProperty("user.home"), ".shopscale"), message -> out().println(message));
    }
}
