package io.shopscale.console.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DockerEnginesTest {

    @Test
    void withNoEngineItSaysWhatItTriedWhyEachFailedAndHowToGetOne() {
        assertThatThrownBy(() -> DockerEngines.connect("tcp://127.0.0.1:1",
                List.of("unix:///nonexistent/docker.sock")))
                .isInstanceOfSatisfying(NoDockerEngineException.class, e -> {
                    assertThat(e.attempts()).hasSize(2);
                    assertThat(e.attempts().get(0)).startsWith("DOCKER_HOST=tcp://127.0.0.1:1: ");
                    assertThat(e.attempts().get(1)).isEqualTo("unix:///nonexistent/docker.sock: no such socket");
                    assertThat(e.getMessage()).contains("bin/setup-machine").contains("apt-get install docker.io");
                });
    }

    @Test
    @Tag("docker")
    void findsTheEngineOnTheUsualSocket() throws Exception {
        try (var docker = DockerEngines.connect(null, List.of("unix:///var/run/docker.sock"))) {
            assertThat(docker.versionCmd().exec().getApiVersion()).isNotBlank();
        }
    }
}
