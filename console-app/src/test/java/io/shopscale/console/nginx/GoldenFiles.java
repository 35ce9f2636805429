package io.shopscale.console.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The expected rendered configs under {@code src/test/resources/nginx/}. After a deliberate template change, run the
 * tests once with {@code -Dshopscale.updateGolden=true} and review the files' diff before committing it.
 */
final class GoldenFiles {

    /** The monolith with any number of ready replicas: the replicas are not in the config. */
    static final String MONOLITH = "monolith.conf";
    static final String SERVICES_MIXED = "services-mixed.conf";
    static final String SWITCHING_TO_SERVICES = "switching-to-services.conf";
    static final String HAPROXY = "haproxy.cfg";
    static final List<String> NGINX_CONFIGS = List.of(MONOLITH, SERVICES_MIXED, SWITCHING_TO_SERVICES);

    private static final String RESOURCE_DIRECTORY = "nginx/";
    private static final Path SOURCE_DIRECTORY = Path.of("src/test/resources/nginx");
    private static final boolean UPDATE = Boolean.getBoolean("shopscale.updateGolden");

    private GoldenFiles() {
    }

    static void assertMatches(String name, String rendered) {
        if (UPDATE) {
            write(name, rendered);
            return;
        }
        assertThat(rendered).as("rendered config vs golden file %s (-Dshopscale.updateGolden=true rewrites it)", name)
                .isEqualTo(read(name));
    }

    static String read(String name) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                return fail("golden file " + SOURCE_DIRECTORY.resolve(name)
                        + " is missing; create it with -Dshopscale.updateGolden=true and review it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden file on disk, for tools that need a path (docker run -v). */
    static Path path(String name) {
        URL resource = GoldenFiles.class.getClassLoader().getResource(RESOURCE_DIRECTORY + name);
        if (resource == null) {
            return fail("golden file " + SOURCE_DIRECTORY.resolve(name) + " is missing");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(String name, String rendered) {
        try {
            Files.createDirectories(SOURCE_DIRECTORY);
            Files.writeString(SOURCE_DIRECTORY.resolve(name), rendered, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
