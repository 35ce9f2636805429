package io.shopscale.console.docker;

import java.util.List;

/** No Docker engine answered. The message says every place that was tried, why each failed, and how to get one. */
public final class NoDockerEngineException extends RuntimeException {

    private final List<String> attempts;

    NoDockerEngineException(List<String> attempts) {
        super("No Docker engine answered. Tried:\n" + String.join("\n", attempts.stream().map(a -> "  - " + a).toList())
                + "\n" + advice(attempts));
        this.attempts = List.copyOf(attempts);
    }

    private static String advice(List<String> attempts) {
        if (attempts.size() == 1 && attempts.get(0).startsWith("DOCKER_HOST=")) {
            return "DOCKER_HOST names the engine to use, so no other was tried. Start that engine, correct "
                    + "DOCKER_HOST, or unset it to use the local engine.";
        }
        return "To get one on Debian: run bin/setup-machine (it installs docker.io and starts dockerd), or "
                + "`apt-get install docker.io && dockerd &`. If the engine runs elsewhere, set DOCKER_HOST.";
    }

    public List<String> attempts() {
        return attempts;
    }
}
