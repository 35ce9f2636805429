package io.shopscale.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Every service checks tokens the same way; these are the tokens it must refuse. */
class TokenValidationTest {

    @TempDir
    Path keyDir;

    private TokenKeys keys;
    private JwtDecoder decoder;
    private final TokenSettings settings = new TokenSettings("shopscale-sso", "shopscale", Duration.ofHours(1), null);

    @BeforeEach
    void setUp() {
        TokenKeys.writePair(keyDir);
        keys = TokenKeys.load(keyDir);
        decoder = new SecurityConfiguration().jwtDecoder(keys, settings);
    }

    @Test
    void acceptsATokenThatItsIssuerSigned() throws Exception {
        var jwt = decoder.decode(sign(claims().build()));
        assertThat(jwt.getSubject()).isEqualTo("7d1f5c3e-0000-4000-8000-000000000001");
    }

    @Test
    void refusesAlgNone() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> decoder.decode(unsigned)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() throws Exception {
        // The classic algorithm swap: sign with HS256, using the (public) verification key as the secret.
        byte[] secret = java.security.MessageDigest.getInstance("SHA-256").digest(keys.publicKey().getEncoded());
        SignedJWT swapped = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        swapped.sign(new MACSigner(secret));
        assertThatThrownBy(() -> decoder.decode(swapped.serialize())).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesATokenSignedWithAnotherKey(@TempDir Path otherDir) throws Exception {
        TokenKeys.writePair(otherDir);
        String forged = sign(claims().build(), TokenKeys.load(otherDir));
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTheWrongIssuerAudienceOrAnExpiredOrEndlessToken() throws Exception {
        String wrongIssuer = sign(claims().issuer("someone-else").build());
        String wrongAudience = sign(claims().audience("another-shop").build());
        String expired = sign(claims().expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        String endless = sign(claims().expirationTime(null).build());
        for (String token : new String[] {wrongIssuer, wrongAudience, expired, endless}) {
            assertThatThrownBy(() -> decoder.decode(token)).as(payload(token)).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void aServiceWithoutThePrivateKeyCanCheckButNotSign(@TempDir Path verifyOnly) throws Exception {
        java.nio.file.Files.copy(keyDir.resolve(TokenKeys.PUBLIC_KEY_FILE), verifyOnly.resolve(TokenKeys.PUBLIC_KEY_FILE));
        TokenKeys publicOnly = TokenKeys.load(verifyOnly);
        assertThat(publicOnly.privateKey()).isEmpty();
        JwtDecoder verifier = new SecurityConfiguration().jwtDecoder(publicOnly, settings);
        assertThat(verifier.decode(sign(claims().build())).getSubject()).isNotBlank();
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer("shopscale-sso")
                .audience("shopscale")
                .subject("7d1f5c3e-0000-4000-8000-000000000001")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private String sign(JWTClaimsSet claims) throws Exception {
        return sign(claims, keys);
    }

    private static String sign(JWTClaimsSet claims, TokenKeys with) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        token.sign(new ECDSASigner(with.privateKey().orElseThrow()));
        return token.serialize();
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
