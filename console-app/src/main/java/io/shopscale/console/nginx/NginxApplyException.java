package io.shopscale.console.nginx;

/**
 * A new config or new backends could not be put into service. What nginx runs depends on the step: after a failed
 * {@link Step#TEST} or {@link Step#MOVE} it still runs the previous config, untouched; after a failed
 * {@link Step#RELOAD} the new file is in place but nginx may not have loaded it, and the next apply tries again;
 * after a failed {@link Step#BACKENDS} it routes to the backends it had.
 */
public final class NginxApplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The step that failed. */
    public enum Step {
        /** {@code nginx -t} rejected the new config. */
        TEST,
        /** The tested file could not be moved over the running one. */
        MOVE,
        /** {@code nginx -s reload} failed. */
        RELOAD,
        /** The control endpoint did not take the new backends; nginx routes as before. */
        BACKENDS
    }

    private final Step step;
    private final String commandOutput;

    NginxApplyException(Step step, String message, String commandOutput) {
        super(message + (commandOutput.isBlank() ? "" : ":\n" + commandOutput.strip()));
        this.step = step;
        this.commandOutput = commandOutput;
    }

    public Step step() {
        return step;
    }

    /** What the failed command printed: for {@link Step#TEST}, nginx's own explanation with file and line. */
    public String commandOutput() {
        return commandOutput;
    }
}
