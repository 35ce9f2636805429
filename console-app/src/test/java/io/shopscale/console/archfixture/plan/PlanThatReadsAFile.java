package io.shopscale.console.archfixture.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A deliberate offender in a {@code ..plan..} package, to show that ArchitectureTest's rules can fail. */
public final class PlanThatReadsAFile {

    private PlanThatReadsAFile() {
    }

    public static String read(Path path) throws IOException {
        return Files.readString(path);
    }
}
