package io.shopscale.kit.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 (P-256) key pair that signs and checks tokens, read from PEM files. Replicas share one pair through
 * files the engine mounts; the private key is present only where tokens are issued.
 */
public final class TokenKeys {

    public static final String PUBLIC_KEY_FILE = "token-signing.pub";
    public static final String PRIVATE_KEY_FILE = "token-signing.key";

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);

    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;

    private TokenKeys(ECPublicKey publicKey, ECPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** Reads the keys from {@code keyDir}, or generates a pair that dies with this process when there is none. */
    public static TokenKeys load(Path keyDir) {
        if (keyDir == null) {
            log.warn("shop.security.key-dir is not set: tokens are signed with a key pair generated for this "
                    + "process alone, so other replicas will not accept them");
            KeyPair pair = generate();
            return new TokenKeys((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        }
        Path publicFile = keyDir.resolve(PUBLIC_KEY_FILE);
        if (!Files.isReadable(publicFile)) {
            throw new IllegalStateException("No token verification key at " + publicFile
                    + "; write one with TokenKeys.writePair or point shop.security.key-dir elsewhere");
        }
        Path privateFile = keyDir.resolve(PRIVATE_KEY_FILE);
        ECPrivateKey privateKey = Files.isReadable(privateFile)
                ? (ECPrivateKey) decode(privateFile, true)
                : null;
        return new TokenKeys((ECPublicKey) decode(publicFile, false), privateKey);
    }

    /** Generates a fresh pair and writes both PEM files into {@code keyDir}. */
    public static void writePair(Path keyDir) {
        KeyPair pair = generate();
        try {
            Files.createDirectories(keyDir);
            Files.writeString(keyDir.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(keyDir.resolve(PRIVATE_KEY_FILE), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    public Optional<ECPrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object decode(Path file, boolean isPrivate) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory factory = KeyFactory.getInstance("EC");
            return isPrivate
                    ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : factory.generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read token key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Token key " + file + " is not a PEM-encoded EC P-256 key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
