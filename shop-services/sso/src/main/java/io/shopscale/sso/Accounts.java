package io.shopscale.sso;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.shopscale.kit.web.ShopProblem;

/** Registers shoppers and checks their passwords. */
@Service
class Accounts {

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final String hashOfNothing;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.hashOfNothing = passwords.encode(UUID.randomUUID().toString());
    }

    User register(String email, String name, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ShopProblem.badRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes long");
        }
        User user = new User(UUID.randomUUID(), normalise(email), name.strip(), passwords.encode(password));
        int inserted = jdbc.sql("insert into sso.users (id, email, name, password_hash)"
                        + " values (:id, :email, :name, :hash) on conflict (email) do nothing")
                .param("id", user.id())
                .param("email", user.email())
                .param("name", user.name())
                .param("hash", user.passwordHash())
                .update();
        if (inserted == 0) {
            throw ShopProblem.conflict("An account with this email already exists. Log in instead.");
        }
        return user;
    }

    /** The user whose password this is; always spends one hash, so timing does not tell which emails exist. */
    Optional<User> authenticate(String email, String password) {
        Optional<User> user = jdbc.sql("select id, email, name, password_hash from sso.users where email = :email")
                .param("email", normalise(email))
                .query(User.class)
                .optional();
        String hash = user.map(User::passwordHash).orElse(hashOfNothing);
        boolean matches = passwords.matches(password, hash);
        return matches ? user : Optional.empty();
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
