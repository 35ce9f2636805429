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
 * Builds a shop image from a module's runnable jar on a base image. The tag is a hash of the jar and the base
 * image, so an unchanged jar is never built twice. Once a new image is built, the earlier images of the same name
 * that no container uses are removed, so rebuilding after every change does not fill the disk.
 */
public final class AppImageBuilder {

    /** The label naming which shop image an image is, whatever its tag. */
    static final String IMAGE_LABEL = "io.shopscale.image";

    private final DockerClient docker;

    public AppImageBuilder(DockerClient docker) {
        this.docker = docker;
    }

    /** @param built false when an image of the same jar and base already existed */
    public record AppImage(String tag, boolean built) {
    }

    /**
     * The image for {@code jar}, built only when no image has this jar and base yet.
     *
     * @param progress the build's output lines, and the superseded images it removed
     */
    public AppImage imageFor(String name, Path jar, String baseImage, Consumer<String> progress) {
        String baseId = docker.inspectImageCmd(baseImage).exec().getId();
        String tag = "shopscale/" + name + ":" + hash(jar, baseId);
        if (BaseImages.exists(docker, tag)) {
            return new AppImage(tag, false);
        }
        progress.accept("building " + tag + " from " + jar.getFileName() + " on " + baseImage);
        String dockerfile = String.join("\n",
                "FROM " + baseImage,
                "RUN mkdir -p /app /srv/static",
                "COPY app.jar /app/app.jar",
                "WORKDIR /app",
                "EXPOSE 8080",
                "ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]",
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

    private static String hash(Path jar, String baseId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(baseId.getBytes(StandardCharsets.UTF_8));
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
