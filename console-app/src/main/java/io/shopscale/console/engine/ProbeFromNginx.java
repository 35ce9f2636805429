package io.shopscale.console.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.shopscale.console.health.ReadinessProbe;
import io.shopscale.console.nginx.ContainerShell;

/**
 * The app's readiness probe asked from inside nginx's container, for replicas this machine cannot reach directly:
 * Swarm's tasks live on an overlay network that only containers attached to it reach. One {@code docker exec} asks
 * every address, each with the probe's timeout.
 */
final class ProbeFromNginx {

    /** Prints {@code <address> yes} or {@code <address> no} per address given as an argument. */
    static final String SCRIPT = "for a in \"$@\"; do if curl -fsS -m " + ReadinessProbe.TIMEOUT.toSeconds()
            + " -o /dev/null \"http://$a:" + ContainerSpecs.APP_PORT + ReadinessProbe.PATH + "\" 2>/dev/null; "
            + "then echo \"$a yes\"; else echo \"$a no\"; fi; done";

    private final ContainerShell nginx;

    ProbeFromNginx(ContainerShell nginx) {
        this.nginx = nginx;
    }

    /**
     * @return whether each address answered; every address is present, and one nginx could not ask did not answer
     */
    Map<String, Boolean> readyAll(List<String> addresses) {
        Map<String, Boolean> answers = new HashMap<>();
        addresses.forEach(address -> answers.put(address, false));
        if (addresses.isEmpty()) {
            return answers;
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh"));
        argv.addAll(addresses);
        try {
            answers.putAll(parse(nginx.exec(argv).output()));
        } catch (RuntimeException unreachable) {
            // nginx is gone or restarting: nothing answered as far as the console can tell
        }
        answers.keySet().retainAll(addresses);
        return answers;
    }

    /** {@code 10.0.0.5 yes} lines to answers; other lines are ignored. */
    static Map<String, Boolean> parse(String output) {
        Map<String, Boolean> answers = new HashMap<>();
        output.lines().map(String::strip).map(line -> line.split(" ")).filter(words -> words.length == 2)
                .filter(words -> words[1].equals("yes") || words[1].equals("no"))
                .forEach(words -> answers.put(words[0], words[1].equals("yes")));
        return answers;
    }
}
