package io.shopscale.contract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.shopscale.kit.security.TokenKeys;

/** Boots shop applications in this JVM on free ports, with real token keys in files like the engine gives them. */
final class ShopApplications {

    /** The internal credential every application of a test shop holds, as a stack's containers hold theirs. */
    static final String INTERNAL_TOKEN = "contract-" + java.util.UUID.randomUUID();

    private ShopApplications() {
    }

    /** A directory with both keys (for the service that signs) and one with the public key alone (for the rest). */
    record KeyDirs(Path signing, Path verifying) {

        static KeyDirs create() {
            try {
                Path signing = Files.createTempDirectory("shop-keys-signing");
                TokenKeys.writePair(signing);
                Path verifying = Files.createTempDirectory("shop-keys-verifying");
                Files.copy(signing.resolve(TokenKeys.PUBLIC_KEY_FILE), verifying.resolve(TokenKeys.PUBLIC_KEY_FILE));
                return new KeyDirs(signing, verifying);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static ConfigurableApplicationContext start(Class<?> application, String name, Path keyDir,
            Map<String, String> database, Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("spring.application.name", name);
        properties.put("server.port", "0");
        properties.put("shop.replica-name", name + "-1");
        properties.put("shop.security.key-dir", keyDir.toString());
        properties.put("shop.orders.outbox-interval", "200ms");
        properties.put("shop.secrets-dir", "/nonexistent");
        properties.put("shop.internal.token", INTERNAL_TOKEN);
        properties.putAll(extra);
        // As command-line arguments, so they win over every default, as the engine's settings do in a container.
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).run(arguments);
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
