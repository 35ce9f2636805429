package io.shopscale.console.docker;

/** What a command run in a container returned. */
public record ExecResult(int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
