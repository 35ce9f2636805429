package io.shopscale.kit.security;

import java.util.UUID;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The shopper a request acts for, taken from its verified token. */
public record ShopUser(UUID id, String email) {

    public static ShopUser current() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            return new ShopUser(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString("email"));
        }
        throw new IllegalStateException("No authenticated shopper on this request");
    }
}
