package io.shopscale.console.docker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.shopscale.console.nginx.ContainerShell;

/** The nginx package's view of a container, carried out with docker exec and a copy into the container. */
public final class DockerContainerShell implements ContainerShell {

    private final DockerStack stack;
    private final String container;

    public DockerContainerShell(DockerStack stack, String container) {
        this.stack = stack;
        this.container = container;
    }

    @Override
    public ExecResult exec(List<String> argv) {
        io.shopscale.console.docker.ExecResult result = stack.exec(container, argv);
        return new ExecResult(result.exitCode(), result.output());
    }

    @Override
    public void writeFile(String path, String content) {
        stack.copyFiles(container, Map.of(path, content.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String readFile(String path) {
        io.shopscale.console.docker.ExecResult cat = stack.exec(container, List.of("cat", path));
        return cat.succeeded() ? cat.output() : "";
    }
}
