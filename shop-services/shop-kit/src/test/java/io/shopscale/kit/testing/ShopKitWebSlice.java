package io.shopscale.kit.testing;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.shopscale.kit.runtime.ReplicaName;
import io.shopscale.kit.security.SecurityConfiguration;
import io.shopscale.kit.security.TokenKeys;
import io.shopscale.kit.security.TokenSettings;

/**
 * What a module's {@code @WebMvcTest} slice needs from the kit besides its scanned filters and advice: the security
 * chain (tokens, the internal credential) and the replica's name. Import it into the slice.
 */
@Configuration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, ReplicaName.class})
public class ShopKitWebSlice {

    /**
     * A bearer token for {@code shopper} that the slice accepts: signed with the slice's own key pair (no key
     * directory is set, so the kit generated one for the test), with the issuer, audience and expiry it checks.
     */
    public static String bearerToken(TokenKeys keys, TokenSettings settings, UUID shopper) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(settings.issuer()).audience(settings.audience())
                .subject(shopper.toString()).claim("email", "shopper@example.test")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
        try {
            token.sign(new ECDSASigner(keys.privateKey().orElseThrow()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + token.serialize();
    }
}
