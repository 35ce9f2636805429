package io.shopscale.console.nginx;

import java.util.ArrayList;
import java.util.List;

/** A running test container through the docker command line, for what the tests ask of nginx with docker exec. */
final class CliContainerShell implements ContainerShell {

    private final String container;

    CliContainerShell(String container) {
        this.container = container;
    }

    @Override
    public ExecResult exec(List<String> argv) {
        List<String> command = new ArrayList<>(List.of("exec", container));
        command.addAll(argv);
        DockerCli.Result result = DockerCli.docker(command);
        return new ExecResult(result.exitCode(), result.output());
    }

    @Override
    public void writeFile(String path, String content) {
        throw new UnsupportedOperationException("the tests mount their files");
    }

    @Override
    public String readFile(String path) {
        ExecResult cat = exec(List.of("cat", path));
        return cat.succeeded() ? cat.output() : "";
    }
}
