package io.shopscale.console.cli;

import picocli.CommandLine.Command;

@Command(name = "nginx-config", description = "Prints the nginx config that runs now.")
final class NginxConfigCommand extends EngineCommand {

    @Override
    public Integer call() {
        out().print(engine().nginxConfig(stackName()));
        return 0;
    }
}
