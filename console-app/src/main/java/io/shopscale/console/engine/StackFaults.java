package io.shopscale.console.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.shopscale.console.fault.FaultException;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.topology.StackName;

/**
 * Where a stack's faults in force are kept: {@code <home>/stacks/<stack>/faults}, one fault per line (see
 * {@link FaultsInForce#toText()}), beside the stack's secrets. Not in the wish's labels: {@code down} removes those,
 * and a forgotten fault must be there again when the stack comes back up. {@code down --volumes} forgets it with the
 * data ({@link StackSecrets#forget}).
 */
final class StackFaults {

    private StackFaults() {
    }

    static Path file(Path home, StackName stack) {
        return home.resolve("stacks").resolve(stack.value()).resolve("faults");
    }

    /**
     * The faults kept for {@code stack}; none when the file is missing.
     *
     * @throws FaultException when the file holds a line this console cannot read (it names the file and line)
     */
    static FaultsInForce read(Path home, StackName stack) {
        Path file = file(home, stack);
        if (!Files.exists(file)) {
            return FaultsInForce.NONE;
        }
        try {
            return FaultsInForce.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (FaultException e) {
            throw new FaultException(file + ": " + e.getMessage() + " (fix or delete the file)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stack's faults from " + file, e);
        }
    }

    /** Replaces the kept faults with {@code faults} in one step: a reader sees the old file or the new one. */
    static void write(Path home, StackName stack, FaultsInForce faults) {
        Path file = file(home, stack);
        try {
            Files.createDirectories(file.getParent());
            if (faults.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path next = file.resolveSibling("faults.next");
            Files.writeString(next, faults.toText(), StandardCharsets.UTF_8);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the stack's faults in " + file, e);
        }
    }
}
