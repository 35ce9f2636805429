package io.shopscale.console.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code shopctl} in a process of its own, as a user runs it from a terminal: for tests of what happens when two run at
 * once, when one is killed halfway, or stopped with Ctrl-C. Its standard output and error are read as one text.
 */
public final class ShopctlProcess {

    /** How a run ended: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private final List<String> args;
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;

    private ShopctlProcess(List<String> args, Process process) {
        this.args = args;
        this.process = process;
        this.reader = new Thread(() -> copy(process.getInputStream()), "shopctl-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code shopctl args...} with the test's class path and this environment, plus {@code environment}. */
    public static ShopctlProcess start(Map<String, String> environment, String... args) {
        // Ctrl-C and SIGTERM as at a terminal: a test run in the background (nohup, `&`) hands its children SIGINT
        // ignored, and a JVM started so never sees a Ctrl-C.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ShopCtl.class.getName()));
        command.addAll(List.of(args));
        // From a folder outside the project, as on a machine without the source tree: only `up` needs the jars.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(new java.io.File(System.getProperty("java.io.tmpdir")));
        builder.environment().putAll(environment);
        try {
            return new ShopctlProcess(List.of(args), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ShopctlProcess start(String... args) {
        return start(Map.of(), args);
    }

    /** Waits for it to end and returns its exit code and output, printed for the test's log. */
    public Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("shopctl " + String.join(" ", args) + " did not end within " + timeout
                        + "; output so far:\n" + output());
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String text = output();
        System.out.println("$ shopctl " + String.join(" ", args) + "  (separate process)\n" + text);
        return new Result(process.exitValue(), text);
    }

    /** Kills it at once (SIGKILL): nothing of it runs on, as after a terminal is closed or the machine stalls. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("$ shopctl " + String.join(" ", args) + "  (killed)\n" + output());
    }

    /** Sends {@code kill -SIGNAL} to it, e.g. {@code INT} as Ctrl-C does. */
    public void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    }

    /** Waits until it has printed {@code text}. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (!output().contains(text)) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output());
            }
            Thread.sleep(100);
        }
    }

    public synchronized String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (this) {
                    output.write(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process ended
        }
    }
}
