package io.shopscale.console.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Writes an export's files into its directory and remembers which, in the order written. */
final class ExportedFiles {

    private final Path directory;
    private final List<Path> written = new ArrayList<>();

    ExportedFiles(Path directory) {
        this.directory = directory;
    }

    void text(String name, String content) {
        write(name, content.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A copy of a secret, readable by this user only. */
    void secret(String name, Path source) {
        try {
            write(name, Files.readAllBytes(source), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stack secret " + source, e);
        }
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    private void write(String name, byte[] content, boolean secret) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            if (secret) {
                // Private before the first byte is written.
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        written.add(file);
    }
}
