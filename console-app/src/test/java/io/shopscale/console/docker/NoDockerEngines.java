package io.shopscale.console.docker;

import java.util.List;

/** The exception a machine without Docker gives, for tests of what the console shows then. */
public final class NoDockerEngines {

    private NoDockerEngines() {
    }

    public static NoDockerEngineException exception() {
        return new NoDockerEngineException(List.of("unix:///var/run/docker.sock: no such socket"));
    }
}
