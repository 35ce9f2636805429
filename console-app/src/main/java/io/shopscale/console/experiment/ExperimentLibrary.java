package io.shopscale.console.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The experiments that come with ShopScale: the files under {@code experiments/} in the sources, packaged into the
 * console's jar under {@code /experiments/}, runnable by name ({@code shopctl experiment run one-vs-three}).
 */
public final class ExperimentLibrary {

    /** Every library experiment, in the order a course would run them; a test keeps it in step with the folder. */
    public static final List<String> NAMES = List.of("one-vs-three", "lost-replica", "monolith-vs-services",
            "slow-payments");

    private ExperimentLibrary() {
    }

    /** The library file's text, or empty when {@code name} is no library experiment. */
    public static Optional<String> source(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = ExperimentLibrary.class.getResourceAsStream("/experiments/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("library experiment " + name + " is missing from the class path");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code fileOrName}: a file when one exists at that path, else the library experiment of that name.
     *
     * @throws IllegalStateException when it is neither, naming the library's experiments
     */
    public static String read(String fileOrName) throws IOException {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            return Files.readString(file);
        }
        return source(fileOrName).orElseThrow(() -> new IllegalStateException("no experiment file at " + fileOrName
                + ", and no library experiment of that name (the library: " + String.join(", ", NAMES) + ")"));
    }
}
