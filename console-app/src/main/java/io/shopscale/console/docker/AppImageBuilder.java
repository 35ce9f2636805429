package io.shopscale.console.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Image;

import io.shopscale.console.plan.Labels;

/**
 * Builds a shop image from a module's runnable Spring Boot jar on a JRE base image, made to start fast:
 * <ul>
 * <li>the jar is extracted ({@code -Djarmode=tools extract}), so the JVM reads plain jars instead of nested ones;</li>
 * <li>a training run at build time, which starts the application context and exits once it is refreshed
 * ({@code spring.context.exit=onRefresh}, with no database and no schema migration), writes a class data archive of
 * the classes it loaded ({@code -XX:ArchiveClassesAtExit}, AppCDS) that every replica maps at start
 * ({@code -XX:SharedArchiveFile}). The training runs with the replicas' own JVM options.</li>
 * </ul>
 * Measured at 1 CPU, from {@code docker run} to the readiness check answering (README, "Start-up"): 12.6 s for the
 * fat jar, 10.0 s extracted, 8.2 s with the archive, and less memory (131 MiB idle against 144). Java 25's
 * ahead-of-time cache, measured side by side with this archive on a quiet host, was ready no sooner (3.6 and 3.9 s
 * on both) and served less at 1 CPU (135 requests/s against 152), so the base stays on Java 17. A JVM that cannot use
 * the archive warns and starts without it.
 *
 * <p>The tag is a hash of the jar, the base image and the JVM options, so an unchanged jar is never built twice. Once
 * a new image is built, the earlier images of the same name that no container uses are removed, so rebuilding after
 * every change does not fill the disk.
 */
public final class AppImageBuilder {

    /** The label naming which shop image an image is, whatever its tag. */
    static final String IMAGE_LABEL = "io.shopscale.image";
    /** Where the image keeps the class data archive its replicas map. */
    static final String CLASS_ARCHIVE = "/app/app.jsa";
    /**
     * How a replica starts the app: the image's entrypoint, and the command of anything that starts it otherwise (a
     * Swarm task's shell). Without {@code -XX:SharedArchiveFile} the JVM starts without the archive, slower and with
     * every class in its own memory.
     */
    public static final List<String> LAUNCH = List.of("java", "-XX:SharedArchiveFile=" + CLASS_ARCHIVE, "-jar",
            "/app/app.jar");

    private final DockerClient docker;

    public AppImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /** @param built false when an image of the same jar and base already existed */
    public record AppImage(String tag, boolean built) {
    }

    /**
     * The image for {@code jar}, built only when no image has this jar, base and JVM options yet.
     *
     * @param jar        a runnable Spring Boot jar (3.3 or later: it needs the {@code tools} jar mode)
     * @param baseImage  a JRE 17 or later, with {@code java} on the path
     * @param jvmOptions the options the replicas run with ({@code JAVA_TOOL_OPTIONS}), which the training run uses too
     * @param progress   the build's output lines, and the superseded images it removed
     * @throws com.github.dockerjava.api.exception.DockerClientException when the build fails; a failed training run
     *                                                                   prints its last lines first
     */
    public AppImage imageFor(String name, Path jar, String baseImage, String jvmOptions, Consumer<String> progress) {
        String baseId = docker.inspectImageCmd(baseImage).exec().getId();
        String tag = "shopscale/" + name + ":" + hash(jar, baseId + "\n" + jvmOptions);
        if (BaseImages.exists(docker, tag)) {
            return new AppImage(tag, false);
        }
        progress.accept("building " + tag + " from " + jar.getFileName() + " on " + baseImage
                + " (with a training run for the class data archive: about half a minute)");
        String training = "java " + jvmOptions + " -XX:ArchiveClassesAtExit=" + CLASS_ARCHIVE
                + " -Dspring.context.exit=onRefresh -Dshop.migrations.on-start=false -jar /app/app.jar"
                + " > /tmp/training.log 2>&1 || { tail -n 40 /tmp/training.log; exit 1; }; rm /tmp/training.log";
        String dockerfile = String.join("\n",
                "FROM " + baseImage,
                "RUN mkdir -p /app /srv/static",
                "COPY app.jar /tmp/app.jar",
                "RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /app && rm /tmp/app.jar",
                "WORKDIR /app",
                "RUN " + training,
                "EXPOSE 8080",
                "ENTRYPOINT [" + LAUNCH.stream().map(part -> "\"" + part + "\"").collect(Collectors.joining(", "))
                        + "]",
                "");
        docker.buildImageCmd(context(dockerfile, jar))
                .withTags(java.util.Set.of(tag))
                .withLabels(Map.of(Labels.ROLE, Labels.ROLE_APP, IMAGE_LABEL, name))
                .withPull(false)
                .exec(new BuildImageResultCallback() {
                    @Override
                    public void onNext(BuildResponseItem item) {
                        if (item.getStream() != null && !item.getStream().isBlank()) {
                            progress.accept("  " + item.getStream().strip());
                        }
                        super.onNext(item);
                    }
                })
                .awaitImageId();
        removeSuperseded(name, tag, progress);
        return new AppImage(tag, true);
    }

    /** Removes the other images of {@code name}; one that a container still uses, even a stopped one, stays. */
    private void removeSuperseded(String name, String current, Consumer<String> progress) {
        List<Image> images = docker.listImagesCmd().withLabelFilter(Map.of(IMAGE_LABEL, name)).exec();
        for (Image image : images) {
            List<String> tags = image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags());
            if (tags.contains(current)) {
                continue;
            }
            try {
                docker.removeImageCmd(image.getId()).exec();
                progress.accept("removed superseded image " + String.join(", ", tags));
            } catch (ConflictException | NotFoundException inUseOrGone) {
                // Still used by a container, or already removed: it stays as it is.
            }
        }
    }

    private static InputStream context(String dockerfile, Path jar) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream archive = new TarArchiveOutputStream(tar)) {
            archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] text = dockerfile.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("Dockerfile");
            file.setSize(text.length);
            archive.putArchiveEntry(file);
            archive.write(text);
            archive.closeArchiveEntry();
            TarArchiveEntry app = new TarArchiveEntry(jar.toFile(), "app.jar");
            archive.putArchiveEntry(app);
            Files.copy(jar, archive);
            archive.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(tar.toByteArray());
    }

    private static String hash(Path jar, String context) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(context.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(jar)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, read);
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
