package io.shopscale.console.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the shop's runnable jars are: {@code *-exec.jar} under each module's {@code target}. */
public final class ShopArtifacts {

    private final Path root;

    public ShopArtifacts(Path root) {
        this.root = root;
    }

    /** The project root: {@code shopscale.home} when set, otherwise the first folder upwards with the shop in it. */
    public static ShopArtifacts locate() {
        String configured = System.getProperty("shopscale.home");
        if (configured != null) {
            return new ShopArtifacts(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shop-monolith")) && Files.isDirectory(dir.resolve("shop-services"))) {
                return new ShopArtifacts(dir);
            }
        }
        throw new IllegalStateException("Cannot find the ShopScale project (a folder with shop-monolith and "
                + "shop-services) above " + Path.of("").toAbsolutePath() + "; run from inside it or set "
                + "-Dshopscale.home");
    }

    public Path root() {
        return root;
    }

    /** The runnable jar of {@code service} ({@code monolith} or one of the five services). */
    public Path jar(String service) {
        Path target = service.equals("monolith")
                ? root.resolve("shop-monolith/target")
                : root.resolve("shop-services").resolve(service).resolve("target");
        return find(target).orElseThrow(() -> new IllegalStateException("No runnable jar for " + service + " in "
                + target + ". Build the shop first: mvn -q -DskipTests package (bin/shopctl does it for you)."));
    }

    private static Optional<Path> find(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
