package io.shopscale.orders;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shopscale.kit.api.OrderPlaced;

/** Events written in the same transaction as the order they describe. */
@Repository
class Outbox {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Outbox(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void add(OrderPlaced event) {
        jdbc.sql("insert into orders.outbox (event_id, event_type, payload) values (:id, 'OrderPlaced',"
                        + " cast(:payload as jsonb))")
                .param("id", event.eventId())
                .param("payload", write(event))
                .update();
    }

    /** Locks up to {@code limit} undelivered events that no other relay holds; call inside a transaction. */
    List<Pending> lockPending(int limit) {
        return jdbc.sql("select id, payload::text as payload from orders.outbox where published_at is null"
                        + " order by id limit :limit for update skip locked")
                .param("limit", limit)
                .query((rs, row) -> new Pending(rs.getLong("id"), read(rs.getString("payload"))))
                .list();
    }

    void markPublished(long id) {
        jdbc.sql("update orders.outbox set published_at = now() where id = :id").param("id", id).update();
    }

    record Pending(long id, OrderPlaced event) {
    }

    private String write(OrderPlaced event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OrderPlaced read(String payload) {
        try {
            return json.readValue(payload, OrderPlaced.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable outbox event: " + payload, e);
        }
    }
}
