package io.shopscale.console.nginx;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker command line, for the tests that check configs with the real nginx and HAProxy. Every container it
 * runs carries the test label, so {@code bin/test} can remove any that an interrupted run left behind.
 */
final class DockerCli {

    static final String NGINX_IMAGE = "shopscale/nginx-lua:1.22";
    static final String HAPROXY_IMAGE = "shopscale/haproxy:2.6";
    static final String TEST_LABEL = "io.shopscale.test=true";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DockerCli() {
    }

    record Result(int exitCode, String output) {
    }

    /** Fails the test, rather than skipping it, when the image is missing: a skipped check is no check. */
    static void requireImage(String image) {
        Result inspect = docker(List.of("image", "inspect", "--format", "{{.Id}}", image));
        if (inspect.exitCode() != 0) {
            fail("the Docker image " + image + " is missing: run bin/setup-machine (as root) to build the base "
                    + "images. docker said: " + inspect.output().strip());
        }
    }

    /** {@code docker run --rm --label io.shopscale.test=true <arguments>}, waiting for it to end. */
    static Result runToCompletion(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--label", TEST_LABEL));
        command.addAll(arguments);
        return docker(command);
    }

    static Result docker(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(arguments);
        Path output;
        Process process;
        try {
            // To a file rather than a pipe, so a command that hangs cannot block the read and outlive the timeout.
            output = Files.createTempFile("docker-", ".out");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return fail("cannot run the docker command line (" + e.getMessage() + "): run bin/setup-machine");
        }
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not end within " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return fail("interrupted while running " + String.join(" ", command));
        } finally {
            output.toFile().delete();
        }
    }
}
