package io.shopscale.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.shopscale.kit.testing.SharedPostgres;
import io.shopscale.kit.web.ShopProblem;

/** Accounts on a real PostgreSQL, with the real password hashing. */
@Tag("docker")
class AccountsTest {

    private static Accounts accounts;

    @BeforeAll
    static void database() {
        Map<String, String> settings = SharedPostgres.springProperties("sso_accounts");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(settings.get("spring.datasource.url"),
                settings.get("spring.datasource.username"), settings.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).schemas("sso").defaultSchema("sso")
                .locations("classpath:db/sso").load().migrate();
        accounts = new Accounts(JdbcClient.create(dataSource), new BCryptPasswordEncoder(4));
    }

    @Test
    void aRegisteredShopperLogsInWithTheirPasswordWhateverTheCaseOfTheirEmail() {
        String email = "Ada-" + UUID.randomUUID() + "@Example.test";
        User registered = accounts.register(email, " Ada ", "correct horse");

        assertThat(registered.passwordHash()).doesNotContain("correct horse");
        assertThat(accounts.authenticate(email.toUpperCase(), "correct horse")).hasValueSatisfying(user ->
                assertThat(user.id()).isEqualTo(registered.id()));
        assertThat(accounts.authenticate(email, "wrong horse")).isEmpty();
        assertThat(accounts.authenticate("nobody-" + UUID.randomUUID() + "@example.test", "correct horse")).isEmpty();
    }

    @Test
    void anEmailIsRegisteredOnceAndAPasswordBcryptWouldCutIsRefused() {
        String email = "once-" + UUID.randomUUID() + "@example.test";
        accounts.register(email, "Ada", "correct horse");

        assertThatThrownBy(() -> accounts.register(email.toUpperCase(), "Ada", "another one"))
                .isInstanceOfSatisfying(ShopProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> accounts.register("long-" + email, "Ada", "é".repeat(37)))
                .isInstanceOfSatisfying(ShopProblem.class,
                        p -> assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
}
