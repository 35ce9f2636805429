package io.shopscale.console.export;

import java.nio.file.Path;
import java.util.List;

/** Writes a stack's export. Pure: reads only the blueprint (and the secret files it names, when asked to copy them). */
public final class StackExporter {

    private StackExporter() {
    }

    /**
     * Writes the export into {@code directory}, creating it, and replacing files of the same names.
     *
     * @param withSecrets copy the stack's secrets into the export (compose: files under {@code secrets/};
     *                    Kubernetes: a Secret manifest). Without it, no secret's content is written anywhere
     * @return the files written, in the order written
     * @throws java.io.UncheckedIOException when a file cannot be read or written
     */
    public static List<Path> write(StackBlueprint stack, ExportFormat format, Path directory, boolean withSecrets) {
        ExportedFiles files = new ExportedFiles(directory);
        switch (format) {
            case COMPOSE -> ComposeExport.write(stack, files, withSecrets);
            case KUBERNETES -> KubernetesExport.write(stack, files, withSecrets);
        }
        return files.written();
    }
}
