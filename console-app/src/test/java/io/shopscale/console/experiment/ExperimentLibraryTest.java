package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ExperimentLibraryTest {

    private static final Path FOLDER = Path.of("..", "experiments");

    @Test
    void everyFileOfTheFolderIsInTheLibraryAndValid() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertThat(files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length())))
                    .containsExactlyInAnyOrderElementsOf(ExperimentLibrary.NAMES);
        }
        for (String name : ExperimentLibrary.NAMES) {
            String source = ExperimentLibrary.source(name).orElseThrow();
            assertThat(source).isEqualTo(Files.readString(FOLDER.resolve(name + ".yaml")));
            assertThat(ExperimentParser.validate(source)).as(name).isEmpty();
        }
    }

    @Test
    void aNameIsReadFromTheLibraryAndAPathFromItsFile() throws IOException {
        assertThat(ExperimentLibrary.read("lost-replica")).contains("name: a lost replica");
        assertThat(ExperimentLibrary.read(FOLDER.resolve("one-vs-three.yaml").toString()))
                .contains("name: one replica, then three");
        assertThatThrownBy(() -> ExperimentLibrary.read("no-such-thing"))
                .hasMessageContaining("no experiment file at no-such-thing")
                .hasMessageContaining("one-vs-three, lost-replica");
    }
}
