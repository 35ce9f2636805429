package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseUsersTest {

    private static final String PASSWORD = "Zm9vYmFyYmF6cXV4LXF1dXhfY29yZ2U";

    @Test
    void eachServiceGetsItsOwnUserWhichOwnsItsSchemaAndWhatIsInIt() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("sso", PASSWORD);
        passwords.put("orders", PASSWORD + "x");

        String sql = DatabaseUsers.script(passwords);

        assertThat(sql).contains(
                "ALTER ROLE shop_sso WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD '" + PASSWORD
                        + "';",
                "CREATE SCHEMA IF NOT EXISTS sso AUTHORIZATION shop_sso;",
                "ALTER SCHEMA orders OWNER TO shop_orders;",
                "WHERE n.nspname = 'orders' AND c.relkind IN ('r', 'p', 'v', 'm')");
        assertThat(sql.indexOf("shop_sso")).isLessThan(sql.indexOf("shop_orders"));
        assertThat(sql).doesNotContain("GRANT");
    }

    @Test
    void onlyGeneratedPasswordsAndPlainServiceNamesReachTheScript() {
        assertThatThrownBy(() -> DatabaseUsers.script(Map.of("sso", "x'; DROP SCHEMA sso; --")))
                .hasMessageContaining("not a generated one").hasMessageNotContaining("DROP");
        assertThatThrownBy(() -> DatabaseUsers.script(Map.of("sso; drop", PASSWORD)))
                .hasMessageContaining("not a service name");
        assertThat(DatabaseUsers.userOf("payments")).isEqualTo("shop_payments");
    }
}
