package io.shopscale.console.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DockerEnginesTest {

    @Test
    void withNoEngineItSaysWhatItTriedWhyEachFailedAndHowToGetOne() {
        assertThatThrownBy(() -> DockerEngines.connect(null,
                List.of("unix:///nonexistent/docker.sock", "unix:///nonexistent/other.sock")))
                .isInstanceOfSatisfying(NoDockerEngineException.class, e -> {
                    assertThat(e.attempts()).containsExactly("unix:///nonexistent/docker.sock: no such socket",
                            "unix:///nonexistent/other.sock: no such socket");
                    assertThat(e.getMessage()).contains("bin/setup-machine").contains("apt-get install docker.io");
                });
    }

    @Test
    void anEngineNamedByDockerHostIsTheOnlyOneTriedAndItsFailureIsSaid() {
        assertThatThrownBy(() -> DockerEngines.connect("unix:///nonexistent.sock",
                List.of("unix:///var/run/docker.sock")))
                .isInstanceOfSatisfying(NoDockerEngineException.class, e -> {
                    assertThat(e.attempts()).containsExactly("DOCKER_HOST=unix:///nonexistent.sock: no such socket");
                    assertThat(e.getMessage()).contains("DOCKER_HOST names the engine to use")
                            .contains("unset it");
                });
        assertThatThrownBy(() -> DockerEngines.connect("tcp://127.0.0.1:1", List.of("unix:///var/run/docker.sock")))
                .isInstanceOfSatisfying(NoDockerEngineException.class, e ->
                        assertThat(e.attempts()).singleElement().asString().startsWith("DOCKER_HOST=tcp://127.0.0.1:1: "));
    }

    @Test
    @Tag("docker")
    void findsTheEngineOnTheUsualSocket() throws Exception {
        try (var docker = DockerEngines.connect(null, List.of("unix:///var/run/docker.sock"))) {
            assertThat(docker.versionCmd().exec().getApiVersion()).isNotBlank();
        }
    }
}
