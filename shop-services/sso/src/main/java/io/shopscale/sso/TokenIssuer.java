package io.shopscale.sso;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.shopscale.kit.security.TokenKeys;
import io.shopscale.kit.security.TokenSettings;

/** Signs the tokens that every service checks (ES256, issuer, audience, expiry). */
@Component
class TokenIssuer {

    private final TokenKeys keys;
    private final TokenSettings settings;

    TokenIssuer(TokenKeys keys, TokenSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    IssuedToken issue(User user) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(user.id().toString())
                .claim("email", user.email())
                .claim("name", user.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.ttl())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(new ECDSASigner(keys.privateKey().orElseThrow(() -> new IllegalStateException(
                    "This service has no token signing key (" + TokenKeys.PRIVATE_KEY_FILE + ")"))));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new IssuedToken(token.serialize(), "Bearer", settings.ttl().toSeconds());
    }

    record IssuedToken(String token, String tokenType, long expiresIn) {
    }
}
