package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.topology.Limits;

/**
 * One replica at the default limits under twice the load it can serve: it lives within its memory limit (no OOM
 * kill, no heap exhaustion, no restart), and nginx turns the excess away as {@code shed} instead of handing the
 * replica more work than it can hold. Before, requests that clients had given up on were released by nginx while
 * the replica still served them; they piled up inside it until its heap ran out, about 30 s into such a run.
 */
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadTest {

    static final String STACK = "e2e-overload";
    static final String PORT = "18570";
    static final String REPLICA = STACK + "-monolith-1";
    private static final Pattern ERRORS = Pattern.compile("(?m)^errors   (.*)$");
    private static final Pattern KIND = Pattern.compile("([a-z0-9 ]+): (\\d+)");

    private final DockerClient docker = DockerEngines.connect();

    @BeforeAll
    void upWithOneReplica() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", PORT, "--replicas", "1");
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    @AfterAll
    void removeStack() throws Exception {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        docker.close();
    }

    @Test
    void aReplicaUnderTwiceItsCapacityStaysWithinItsMemoryAndTheExcessIsShed() {
        InspectContainerResponse before = docker.inspectContainerCmd(REPLICA).exec();
        assertThat(before.getHostConfig().getMemory()).isEqualTo(Limits.DEFAULT.memoryBytes());
        assertThat(List.of(before.getConfig().getEnv())).anySatisfy(variable -> assertThat(variable)
                .startsWith("JAVA_TOOL_OPTIONS=").contains("-XX:ArchiveRelocationMode=0").contains(" -Xmx"));

        Shop.Run load = Shop.shopctl("load", "--stack", STACK, "--rate", "300", "--duration", "45s");
        System.out.println(load.output());

        InspectContainerResponse after = docker.inspectContainerCmd(REPLICA).exec();
        String failures = Shop.failuresLogged(docker, STACK);
        assertThat(after.getId()).as("the same replica serves after the run%n%s", failures).isEqualTo(before.getId());
        assertThat(after.getState().getOOMKilled()).as("killed for its memory%n%s", failures).isFalse();
        assertThat(after.getRestartCount()).as("restarts (heap exhausted: the replica exits)%n%s", failures).isZero();
        assertThat(Boolean.TRUE.equals(after.getState().getRunning())).as(failures).isTrue();

        Map<String, Long> errors = errorsByKind(load.output());
        assertThat(errors).as("each failure's kind, from the report above").containsKey("shed");
        assertThat(errors.keySet()).as("each failure's kind, from the report above")
                .allMatch(kind -> kind.equals("shed") || kind.equals("timeout"));
    }

    /** The report's {@code errors} line as kind to count: {@code errors   shed: 16644  timeout: 142}. */
    private static Map<String, Long> errorsByKind(String report) {
        Matcher line = ERRORS.matcher(report);
        assertThat(line.find()).as("the report has an errors line:%n%s", report).isTrue();
        Map<String, Long> kinds = new TreeMap<>();
        Matcher kind = KIND.matcher(line.group(1));
        while (kind.find()) {
            kinds.put(kind.group(1).strip(), Long.parseLong(kind.group(2)));
        }
        return kinds;
    }
}
