package io.shopscale.console.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the {@code *.mustache} templates are read from. {@link #locate()} looks, in this order:
 * <ol>
 *   <li>in the directory named by the system property {@value #DIRECTORY_PROPERTY}, when it is set, so an
 *       instructor can try an edited copy without rebuilding;</li>
 *   <li>on the classpath under {@value #CLASSPATH_DIRECTORY}, where the build copies them into the console's jar;</li>
 *   <li>in a {@value #DIRECTORY_NAME} directory in the working directory or the nearest of its parents, which is
 *       the project's own when the console runs from a checkout.</li>
 * </ol>
 */
public final class Templates {

    public static final String DIRECTORY_PROPERTY = "shopscale.templates";
    public static final String DIRECTORY_NAME = "nginx-templates";
    public static final String CLASSPATH_DIRECTORY = "/" + DIRECTORY_NAME + "/";
    /** The file whose presence says "this is the templates directory". */
    static final String MARKER = "nginx.conf.mustache";

    private final String origin;
    private final Path directory;
    private final ClassLoader classLoader;

    private Templates(String origin, Path directory, ClassLoader classLoader) {
        this.origin = origin;
        this.directory = directory;
        this.classLoader = classLoader;
    }

    public static Templates locate() {
        return locate(System.getProperty(DIRECTORY_PROPERTY), Templates.class.getClassLoader(),
                Path.of(System.getProperty("user.dir")));
    }

    static Templates locate(String directoryOverride, ClassLoader classLoader, Path workingDirectory) {
        if (directoryOverride != null && !directoryOverride.isBlank()) {
            Path directory = Path.of(directoryOverride).toAbsolutePath().normalize();
            if (!Files.isRegularFile(directory.resolve(MARKER))) {
                throw new IllegalStateException("-D" + DIRECTORY_PROPERTY + "=" + directoryOverride
                        + " names no templates directory: " + directory.resolve(MARKER) + " does not exist");
            }
            return inDirectory(directory);
        }
        if (classLoader.getResource(resourceName(MARKER)) != null) {
            return onClasspath(classLoader);
        }
        List<Path> searched = new ArrayList<>();
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DIRECTORY_NAME);
            if (Files.isRegularFile(candidate.resolve(MARKER))) {
                return inDirectory(candidate);
            }
            searched.add(candidate);
        }
        throw new IllegalStateException("found no nginx templates: " + MARKER + " is neither on the classpath under "
                + CLASSPATH_DIRECTORY + " nor in any of " + searched + "; run from the project's directory or set -D"
                + DIRECTORY_PROPERTY + "=<directory>");
    }

    public static Templates inDirectory(Path directory) {
        return new Templates(directory.toString(), directory, null);
    }

    static Templates onClasspath(ClassLoader classLoader) {
        return new Templates("classpath:" + CLASSPATH_DIRECTORY, null, classLoader);
    }

    /** Where the templates come from, for logs and error messages: a directory or {@code classpath:/...}. */
    public String origin() {
        return origin;
    }

    /** @param fileName e.g. {@code proxy.mustache} */
    public String read(String fileName) {
        try {
            if (directory != null) {
                Path file = directory.resolve(fileName);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("template " + fileName + " is missing from " + origin);
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            URL resource = classLoader.getResource(resourceName(fileName));
            if (resource == null) {
                throw new IllegalStateException("template " + fileName + " is missing from " + origin);
            }
            try (InputStream in = resource.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + fileName + " from " + origin, e);
        }
    }

    @Override
    public String toString() {
        return origin;
    }

    /** ClassLoader resource names have no leading '/'. */
    private static String resourceName(String fileName) {
        return CLASSPATH_DIRECTORY.substring(1) + fileName;
    }
}
