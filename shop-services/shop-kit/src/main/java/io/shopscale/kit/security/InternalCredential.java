package io.shopscale.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stack's internal credential: a shared secret that only the stack's own containers hold (given to each as the
 * secret file {@code shop.internal.token}). Every call to a path under {@code /internal} must carry it in
 * {@link #HEADER}; the service clients send it, and a replica refuses a call without it.
 *
 * @param token the secret; blank or absent means this process holds none, so it refuses every internal call and
 *              its own internal calls are refused by the others
 */
@ConfigurationProperties("shop.internal")
public record InternalCredential(String token) {

    /** The request header that carries the credential. */
    public static final String HEADER = "X-Shop-Internal-Token";

    public InternalCredential {
        token = token == null ? "" : token.strip();
    }

    public boolean isSet() {
        return !token.isEmpty();
    }

    /** Whether {@code presented} is this credential; compared in constant time. False when none is set. */
    public boolean accepts(String presented) {
        return isSet() && presented != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), presented.strip().getBytes(StandardCharsets.UTF_8));
    }
}
