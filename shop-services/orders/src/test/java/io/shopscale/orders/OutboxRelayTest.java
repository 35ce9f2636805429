package io.shopscale.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.shopscale.kit.api.NotificationsApi;
import io.shopscale.kit.api.OrderPlaced;
import io.shopscale.kit.web.DependencyUnavailable;
import io.shopscale.kit.web.ShopProblem;

/** The relay on a real PostgreSQL, with a receiver that records what it was given. */
@Tag("docker")
class OutboxRelayTest {

    private static OrdersDatabase db;

    private final List<UUID> delivered = new ArrayList<>();
    private final AtomicBoolean receiverDown = new AtomicBoolean();
    private final AtomicBoolean receiverRefusesCaller = new AtomicBoolean();
    private Outbox outbox;
    private OutboxRelay relay;

    @BeforeAll
    static void database() {
        db = OrdersDatabase.create("orders_outbox");
    }

    @BeforeEach
    void relay() {
        db.jdbc().sql("truncate orders.outbox").update();
        outbox = new Outbox(db.jdbc(), db.json());
        NotificationsApi receiver = event -> {
            if (receiverDown.get()) {
                throw new DependencyUnavailable("The notifications service cannot be reached.", false);
            }
            if (receiverRefusesCaller.get()) {
                throw new ShopProblem(org.springframework.http.HttpStatus.UNAUTHORIZED, "Internal credential required",
                        "Paths under /internal are for the stack's own services.");
            }
            if (event.orderId() == 666) {
                throw ShopProblem.badRequest("This event cannot become a notification.");
            }
            delivered.add(event.eventId());
        };
        relay = new OutboxRelay(outbox, receiver, db.transaction());
    }

    @Test
    void anUnreadableEventIsParkedWithItsReasonAndTheHundredEventsBehindItAreDelivered() {
        db.jdbc().sql("insert into orders.outbox (event_id, event_type, payload) values (:id, 'OrderPlaced',"
                + " '{\"eventId\":\"not-a-uuid\"}')").param("id", UUID.randomUUID()).update();
        List<UUID> placed = addEvents(100);

        Instant start = Instant.now();
        relay.relay();
        long firstRound = java.time.Duration.between(start, Instant.now()).toMillis();

        assertThat(delivered).as("delivered in the first round, in %d ms", firstRound)
                .containsExactlyElementsOf(placed);
        for (int round = 1; round < Outbox.MAX_ATTEMPTS; round++) {
            relay.relay();
        }
        Map<String, Object> parked = db.jdbc().sql("select attempts, last_error, parked_at is not null as parked"
                + " from orders.outbox where published_at is null").query().singleRow();
        assertThat(parked.get("attempts")).isEqualTo(Outbox.MAX_ATTEMPTS);
        assertThat(parked.get("parked")).isEqualTo(true);
        assertThat((String) parked.get("last_error")).contains("Unreadable payload").contains("not-a-uuid");
        assertThat(db.count("select count(*) from orders.outbox where published_at is not null")).isEqualTo(100);

        relay.relay();
        assertThat(db.count("select attempts from orders.outbox where parked_at is not null"))
                .as("a parked event is not tried again").isEqualTo(Outbox.MAX_ATTEMPTS);
        assertThat(delivered).hasSize(100);
    }

    @Test
    void anEventTheReceiverRefusesIsParkedAndTheOthersFlow() {
        List<UUID> before = addEvents(3);
        outbox.add(new OrderPlaced(UUID.randomUUID(), 666, UUID.randomUUID(), 100, 1, Instant.now()));
        List<UUID> after = addEvents(3);

        for (int round = 0; round < Outbox.MAX_ATTEMPTS; round++) {
            relay.relay();
        }

        List<UUID> expected = new ArrayList<>(before);
        expected.addAll(after);
        assertThat(delivered).containsExactlyElementsOf(expected);
        assertThat(db.jdbc().sql("select last_error from orders.outbox where parked_at is not null")
                .query(String.class).single()).contains("Refused by notifications (400)");
    }

    @Test
    void whileNotificationsCannotBeReachedOrRefusesTheCallerNothingIsCountedAgainstTheEvents() {
        List<UUID> placed = addEvents(5);
        receiverRefusesCaller.set(true);
        for (int round = 0; round < 2 * Outbox.MAX_ATTEMPTS; round++) {
            relay.relay();
        }
        receiverRefusesCaller.set(false);
        receiverDown.set(true);
        for (int round = 0; round < 2 * Outbox.MAX_ATTEMPTS; round++) {
            relay.relay();
        }
        assertThat(db.count("select count(*) from orders.outbox where attempts > 0 or parked_at is not null"))
                .isZero();

        receiverDown.set(false);
        relay.relay();
        assertThat(delivered).containsExactlyElementsOf(placed);
    }

    @Test
    void aReceiverThatWritesInTheRelaysTransactionKeepsWhatItDeliveredBeforeAnEventItsDatabaseRefuses() {
        // As in the monolith: notifications writes in the relay's own transaction. Its table refuses order 666.
        db.jdbc().sql("create table if not exists orders.test_received (event_id uuid primary key,"
                + " order_id bigint not null check (order_id <> 666))").update();
        db.jdbc().sql("truncate orders.test_received").update();
        NotificationsApi inTransaction = event -> db.jdbc()
                .sql("insert into orders.test_received (event_id, order_id) values (:id, :order)")
                .param("id", event.eventId()).param("order", event.orderId()).update();
        OutboxRelay monolithRelay = new OutboxRelay(outbox, inTransaction, db.transaction());
        List<UUID> before = addEvents(3);
        outbox.add(new OrderPlaced(UUID.randomUUID(), 666, UUID.randomUUID(), 100, 1, Instant.now()));
        List<UUID> after = addEvents(3);

        monolithRelay.relay();

        List<UUID> expected = new ArrayList<>(before);
        expected.addAll(after);
        assertThat(db.jdbc().sql("select event_id from orders.test_received").query(UUID.class).list())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(db.count("select count(*) from orders.outbox where published_at is not null")).isEqualTo(6);
        assertThat(db.jdbc().sql("select last_error from orders.outbox where attempts = 1").query(String.class)
                .single()).contains("test_received");
    }

    private List<UUID> addEvents(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            db.transaction().executeWithoutResult(status ->
                    outbox.add(new OrderPlaced(id, 1000 + ids.size(), UUID.randomUUID(), 1999, 1, Instant.now())));
            ids.add(id);
        }
        return ids;
    }
}
