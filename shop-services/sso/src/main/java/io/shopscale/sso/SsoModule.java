package io.shopscale.sso;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.shopscale.kit.db.ModuleSchema;

/** Single sign-on as a feature module: its schema, its password hashing and its API description. */
@Configuration(proxyBeanMethods = false)
public class SsoModule {

    /**
     * bcrypt with work factor 10, OWASP's minimum for bcrypt. Argon2id at OWASP's minimum (19 MiB, t=2) would need
     * 19 MiB per concurrent login: eight at once would not fit a 100 MB replica. bcrypt needs 4 KiB and about 60 ms
     * of one core per hash.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    ModuleSchema ssoSchema() {
        return new ModuleSchema("sso");
    }

    @Bean
    GroupedOpenApi ssoOpenApi() {
        return GroupedOpenApi.builder().group("sso").pathsToMatch("/api/sso/**").build();
    }
}
