package io.shopscale.kit.security;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the shop's tokens are signed and checked.
 *
 * @param issuer   the {@code iss} every token carries and every service demands
 * @param audience the {@code aud} every token carries and every service demands
 * @param ttl      how long a token is valid
 * @param keyDir   a directory with {@code token-signing.pub} (every service) and {@code token-signing.key} (only
 *                 the service that signs); when absent, a key pair is generated for this process alone
 */
@ConfigurationProperties("shop.security")
public record TokenSettings(
        @DefaultValue("shopscale-sso") String issuer,
        @DefaultValue("shopscale") String audience,
        @DefaultValue("1h") Duration ttl,
        Path keyDir) {
}
