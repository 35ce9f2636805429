package io.shopscale.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.shopscale.kit.api.OrderPlaced;
import io.shopscale.kit.testing.SharedPostgres;
import io.shopscale.kit.web.ShopProblem;

/** The inbox on a real PostgreSQL: each event once, whatever the sender repeats. */
@Tag("docker")
class NotificationInboxTest {

    private static JdbcClient jdbc;
    private static NotificationInbox inbox;

    @BeforeAll
    static void database() {
        Map<String, String> settings = SharedPostgres.springProperties("notifications_inbox");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(settings.get("spring.datasource.url"),
                settings.get("spring.datasource.username"), settings.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).schemas("notifications").defaultSchema("notifications")
                .locations("classpath:db/notifications").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        inbox = new NotificationInbox(jdbc);
    }

    @Test
    void anEventDeliveredThreeTimesBecomesOneNotification() {
        UUID shopper = UUID.randomUUID();
        OrderPlaced event = new OrderPlaced(UUID.randomUUID(), 42, shopper, 2500, 2,
                Instant.parse("2026-12-01T10:00:00Z"));

        inbox.deliver(event);
        inbox.deliver(event);
        inbox.deliver(event);

        assertThat(inbox.forUser(shopper, 100)).singleElement().satisfies(notification -> {
            assertThat(notification.orderId()).isEqualTo(42);
            assertThat(notification.message()).contains("#42").contains("2 items").contains("25,00");
        });
    }

    @Test
    void anEventWithoutItsIdOrShopperIsRefusedAndWritesNothing() {
        long before = jdbc.sql("select count(*) from notifications.notifications").query(Long.class).single();

        for (OrderPlaced incomplete : new OrderPlaced[] {
                new OrderPlaced(null, 42, UUID.randomUUID(), 2500, 2, Instant.now()),
                new OrderPlaced(UUID.randomUUID(), 42, null, 2500, 2, Instant.now()),
                new OrderPlaced(UUID.randomUUID(), 0, UUID.randomUUID(), 2500, 2, Instant.now())}) {
            assertThatThrownBy(() -> inbox.deliver(incomplete)).isInstanceOfSatisfying(ShopProblem.class,
                    problem -> assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
        assertThat(jdbc.sql("select count(*) from notifications.notifications").query(Long.class).single())
                .isEqualTo(before);
    }
}
