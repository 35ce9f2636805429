package io.shopscale.console.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

import io.shopscale.console.topology.StackName;

/**
 * A stack's secrets: the database passwords, the token signing key pair and the internal credential. Generated
 * once per stack and kept with it (readable by this user only), so new replicas get the same ones; containers
 * receive them as files, never in environment variables or logs. {@code down --volumes} forgets them together with the data.
 */
public final class StackSecrets {

    public static final String DATABASE_PASSWORD = "database-password";
    public static final String TOKEN_PUBLIC_KEY = "token-signing.pub";
    public static final String TOKEN_PRIVATE_KEY = "token-signing.key";
    /** What the stack's services send each other on {@code /internal} paths, which refuse callers without it. */
    public static final String INTERNAL_TOKEN = "internal-token";

    private final Path directory;

    private StackSecrets(Path directory) {
        this.directory = directory;
    }

    /** The secrets of {@code stack} under {@code home}, created when the stack has none yet. */
    public static StackSecrets forStack(Path home, StackName stack) {
        Path directory = home.resolve("stacks").resolve(stack.value()).resolve("secrets");
        StackSecrets secrets = new StackSecrets(directory);
        if (!Files.exists(directory.resolve(DATABASE_PASSWORD))) {
            secrets.generate();
        }
        return secrets;
    }

    public static void forget(Path home, StackName stack) {
        Path directory = home.resolve("stacks").resolve(stack.value());
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The password of a service's own database user ({@link DatabaseUsers}), created the first time it is asked for:
     * a stack started before its mode had such users gets them when it switches.
     */
    public byte[] serviceDatabasePassword(String service) {
        String name = DATABASE_PASSWORD + "-" + service;
        if (!Files.exists(directory.resolve(name))) {
            try {
                write(name, newPassword());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the stack secret " + name + " to " + directory, e);
            }
        }
        return read(name);
    }

    /** Where the secret {@code name} is kept; the file may not exist. */
    public Path file(String name) {
        return directory.resolve(name);
    }

    /**
     * The stack's internal credential, created the first time it is asked for: a stack started before there was one
     * gets it with its next replicas.
     */
    public byte[] internalToken() {
        if (!Files.exists(directory.resolve(INTERNAL_TOKEN))) {
            try {
                write(INTERNAL_TOKEN, newPassword());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the stack secret " + INTERNAL_TOKEN + " to " + directory,
                        e);
            }
        }
        return read(INTERNAL_TOKEN);
    }

    public byte[] read(String name) {
        try {
            return Files.readAllBytes(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stack secret " + name, e);
        }
    }

    private void generate() {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            write(DATABASE_PASSWORD, newPassword());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            write(TOKEN_PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            write(TOKEN_PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the stack's secrets to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 24 random bytes in base64url: letters, digits, '-' and '_', safe in any config or SQL literal. */
    private static String newPassword() {
        byte[] password = new byte[24];
        new SecureRandom().nextBytes(password);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(password);
    }

    private void write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
