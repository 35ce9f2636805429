package io.shopscale.console.docker;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Image;

import io.shopscale.console.engine.ShopArtifacts;

/**
 * Builds images of the shop's own jars on the real engine: one per jar, built once, earlier ones removed unless still
 * in use, and each starting from the class data archive its training run wrote.
 */
@Tag("docker")
class AppImageBuilderTest {

    private static final String NAME = "test-image-builder";
    private static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final ShopArtifacts SHOP = ShopArtifacts.locate();

    private final DockerClient docker = DockerEngines.connect();
    private final AppImageBuilder builder = new AppImageBuilder(docker);
    private final String base = new BaseImages(docker).choose(BaseImages.Kind.JRE).image();
    private final List<String> progress = new ArrayList<>();
    private String container;

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
    void anUnchangedJarIsNotBuiltAgain() {
        Path jar = jar("notifications");

        AppImageBuilder.AppImage first = builder.imageFor(NAME, jar, base, JVM_OPTIONS, progress::add);
        progress.clear();
        AppImageBuilder.AppImage second = builder.imageFor(NAME, jar, base, JVM_OPTIONS, progress::add);

        assertThat(first.built()).isTrue();
        assertThat(second.tag()).isEqualTo(first.tag()).startsWith("shopscale/" + NAME + ":");
        assertThat(second.built()).isFalse();
        assertThat(progress).isEmpty();
    }

    @Test
    void aNewImageRemovesTheEarlierOnesThatNoContainerUses() {
        String first = builder.imageFor(NAME, jar("notifications"), base, JVM_OPTIONS, progress::add).tag();
        container = docker.createContainerCmd(first).withLabels(Map.of("io.shopscale.test", "true")).exec().getId();

        String second = builder.imageFor(NAME, jar("payments"), base, JVM_OPTIONS, progress::add).tag();
        assertThat(tags()).as("the first image is kept while a stopped container uses it")
                .containsExactlyInAnyOrder(first, second);

        docker.removeContainerCmd(container).exec();
        container = null;
        progress.clear();
        String third = builder.imageFor(NAME, jar("payments"), base, JVM_OPTIONS + " -Xss512k", progress::add).tag();

        assertThat(tags()).as("other JVM options make another image").containsExactly(third);
        assertThat(progress).contains("removed superseded image " + first, "removed superseded image " + second);
    }

    @Test
    void theApplicationStartsFromTheClassDataArchiveOfItsTrainingRun() throws InterruptedException {
        String tag = builder.imageFor(NAME, jar("notifications"), base, JVM_OPTIONS, progress::add).tag();
        // The training run's own way out: the context is refreshed, nothing listens, no database is needed.
        container = docker.createContainerCmd(tag)
                .withLabels(Map.of("io.shopscale.test", "true"))
                .withEnv("JAVA_TOOL_OPTIONS=" + JVM_OPTIONS + " -Xlog:class+load=info"
                        + " -Dspring.context.exit=onRefresh -Dshop.migrations.on-start=false")
                .exec().getId();
        docker.startContainerCmd(container).exec();
        int exit = docker.waitContainerCmd(container).exec(new WaitContainerResultCallback())
                .awaitStatusCode(120, TimeUnit.SECONDS);
        String logs = logs(container);
        List<String> classLoads = logs.lines().filter(line -> line.contains("[class,load]")).toList();

        assertThat(exit).as("exit code of the application started from the image; its last lines:%n%s",
                logs.lines().filter(line -> !line.contains("[class,load]")).reduce("", (a, b) -> a + b + "\n"))
                .isZero();
        assertThat(classLoads).as("the application's own classes come from the archive")
                .anyMatch(line -> line.contains(" io.shopscale.notifications.") && line.contains("shared objects file"));
        long fromCache = classLoads.stream().filter(line -> line.contains("shared objects file")).count();
        assertThat(fromCache).as("classes loaded from the archive, of %d", classLoads.size())
                .isGreaterThan(classLoads.size() * 4L / 5);
    }

    private static Path jar(String service) {
        return SHOP.jar(service);
    }

    private String logs(String id) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        try (var callback = docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })) {
            callback.awaitCompletion(30, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    private List<Image> images() {
        return docker.listImagesCmd().withLabelFilter(Map.of(AppImageBuilder.IMAGE_LABEL, NAME)).exec();
    }

    private List<String> tags() {
        return images().stream().flatMap(image -> List.of(image.getRepoTags()).stream()).toList();
    }
}
