package io.shopscale.console.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.plan.Labels;

/** Bad input gets a clear error and creates nothing. (The running-stack cases are in MonolithStackTest.) */
@Tag("docker")
class BadInputTest {

    private static final String STACK = "e2e-bad";

    @Test
    void replicaCountsOutsideOneToNineAreRefused() {
        assertRefused(Shop.shopctl("up", "--stack", STACK, "--replicas", "0"), "between 1 and 9");
        assertRefused(Shop.shopctl("up", "--stack", STACK, "--replicas", "10"), "between 1 and 9");
    }

    @Test
    void stackNamesWithSpacesBracesSemicolonsOrNewlinesAreRefused() {
        for (String name : new String[] {"my shop", "shop{", "shop;evil", "shop\nx", "shop}"}) {
            Shop.Run run = Shop.shopctl("status", "--stack", name);
            assertThat(run.exitCode()).as(run.output()).isNotZero();
            assertThat(run.output()).containsIgnoringCase("stack name");
        }
    }

    @Test
    void anUnknownModeOrServiceIsRefused() {
        assertRefused(Shop.shopctl("up", "--stack", STACK, "--mode", "swarm"), "monolith");
        assertRefused(Shop.shopctl("scale", "--stack", STACK, "frontend=2"), "not running");
    }

    @Test
    void aPortThatIsTakenIsRefusedBeforeAnythingIsCreated() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Shop.Run run = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(taken.getLocalPort()));
            assertRefused(run, "already taken");
        }
    }

    private static void assertRefused(Shop.Run run, String message) {
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).containsIgnoringCase(message).doesNotContain("Exception:").doesNotContain("\tat ");
        try (var docker = DockerEngines.connect()) {
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.STACK, STACK))
                    .exec()).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
