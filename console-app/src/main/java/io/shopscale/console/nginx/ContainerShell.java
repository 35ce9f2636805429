package io.shopscale.console.nginx;

import java.util.List;

/**
 * The few things the configurator does inside the nginx container. The {@code docker} package implements it with
 * {@code docker exec} and a copy into the container; tests use a fake. Failures to reach the container (it is gone,
 * the engine does not answer) are thrown as unchecked exceptions; a command that ran and failed is an
 * {@link ExecResult} with a non-zero exit code.
 */
public interface ContainerShell {

    /** Runs a command in the container, without a shell, and waits for it to end. */
    ExecResult exec(List<String> argv);

    /** Creates or replaces the file, readable by all (nginx's workers may run as another user). */
    void writeFile(String path, String content);

    /** The file's content, or {@code ""} if it does not exist. */
    String readFile(String path);

    /**
     * @param output what the command wrote to standard output and standard error, interleaved as it came or one
     *               after the other; nginx writes its verdict to standard error
     */
    record ExecResult(int exitCode, String output) {

        public ExecResult {
            output = output == null ? "" : output;
        }

        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
