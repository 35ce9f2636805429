package io.shopscale.console.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The expected exports under {@code src/test/resources/export/<case>/}. After a deliberate change, run the tests
 * once with {@code -Dshopscale.updateGolden=true} and review the files' diff before committing it.
 */
final class ExportGoldenFiles {

    static final Path SOURCE_DIRECTORY = Path.of("src/test/resources/export");
    private static final boolean UPDATE = Boolean.getBoolean("shopscale.updateGolden");

    private ExportGoldenFiles() {
    }

    /** Every written file equals its golden file, and the golden directory holds no other file. */
    static void assertMatches(String exportCase, Path exported, List<Path> written) {
        Path golden = SOURCE_DIRECTORY.resolve(exportCase);
        try {
            if (UPDATE) {
                Files.createDirectories(golden);
                for (Path file : written) {
                    Files.writeString(golden.resolve(exported.relativize(file).toString()),
                            Files.readString(file, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                }
                return;
            }
            List<String> expectedNames;
            try (var files = Files.list(golden)) {
                expectedNames = files.map(file -> file.getFileName().toString()).sorted().toList();
            }
            assertThat(written.stream().map(file -> exported.relativize(file).toString()).sorted().toList())
                    .as("files of the %s export", exportCase).isEqualTo(expectedNames);
            for (Path file : written) {
                String name = exported.relativize(file).toString();
                assertThat(Files.readString(file, StandardCharsets.UTF_8))
                        .as("%s of the %s export vs its golden file (-Dshopscale.updateGolden=true rewrites it)",
                                name, exportCase)
                        .isEqualTo(Files.readString(golden.resolve(name), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
