package io.shopscale.console.docker;

/** A container could not do what the engine needed; the message says why, with its last log lines. */
public final class ContainerFailedException extends RuntimeException {

    public ContainerFailedException(String message) {
        super(message);
    }
}
