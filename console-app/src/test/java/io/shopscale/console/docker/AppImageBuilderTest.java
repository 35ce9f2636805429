package io.shopscale.console.docker;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;

/** Builds small images on the real engine: one per jar, built once, earlier ones removed unless still in use. */
@Tag("docker")
class AppImageBuilderTest {

    private static final String NAME = "test-image-builder";

    private final DockerClient docker = DockerEngines.connect();
    private final AppImageBuilder builder = new AppImageBuilder(docker);
    private final String base = new BaseImages(docker).choose(BaseImages.Kind.JRE).image();
    private final List<String> progress = new ArrayList<>();
    private String container;

    @TempDir
    Path dir;

    @AfterEach
    void removeWhatTheTestMade() {
        if (container != null) {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
        for (Image image : images()) {
            docker.removeImageCmd(image.getId()).withForce(true).exec();
        }
    }

    @Test
    void anUnchangedJarIsNotBuiltAgain() throws IOException {
        Path jar = jar("one");

        AppImageBuilder.AppImage first = builder.imageFor(NAME, jar, base, progress::add);
        progress.clear();
        AppImageBuilder.AppImage second = builder.imageFor(NAME, jar, base, progress::add);

        assertThat(first.built()).isTrue();
        assertThat(second.tag()).isEqualTo(first.tag()).startsWith("shopscale/" + NAME + ":");
        assertThat(second.built()).isFalse();
        assertThat(progress).isEmpty();
    }

    @Test
    void aNewImageRemovesTheEarlierOnesThatNoContainerUses() throws IOException {
        String first = builder.imageFor(NAME, jar("one"), base, progress::add).tag();
        container = docker.createContainerCmd(first).withLabels(Map.of("io.shopscale.test", "true")).exec().getId();

        String second = builder.imageFor(NAME, jar("two"), base, progress::add).tag();
        assertThat(tags()).as("the first image is kept while a stopped container uses it")
                .containsExactlyInAnyOrder(first, second);

        docker.removeContainerCmd(container).exec();
        container = null;
        progress.clear();
        String third = builder.imageFor(NAME, jar("three"), base, progress::add).tag();

        assertThat(tags()).containsExactly(third);
        assertThat(progress).contains("removed superseded image " + first, "removed superseded image " + second);
    }

    private Path jar(String content) throws IOException {
        return Files.writeString(dir.resolve(content + ".jar"), content);
    }

    private List<Image> images() {
        return docker.listImagesCmd().withLabelFilter(Map.of(AppImageBuilder.IMAGE_LABEL, NAME)).exec();
    }

    private List<String> tags() {
        return images().stream().flatMap(image -> List.of(image.getRepoTags()).stream()).toList();
    }
}
