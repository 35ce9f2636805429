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

    /** Attempts after which an event that keeps failing for a reason of its own is parked. */
    static final int MAX_ATTEMPTS = 3;
    private static final int MAX_REASON = 500;

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

    /**
     * Locks up to {@code limit} undelivered, unparked events that no other relay holds, oldest first; call inside a
     * transaction. The payload is read later ({@link #read}), so that one unreadable event cannot fail the batch.
     */
    List<Pending> lockPending(int limit) {
        return jdbc.sql("select id, payload::text as payload from orders.outbox"
                        + " where published_at is null and parked_at is null"
                        + " order by id limit :limit for update skip locked")
                .param("limit", limit)
                .query((rs, row) -> new Pending(rs.getLong("id"), rs.getString("payload")))
                .list();
    }

    void markPublished(long id) {
        jdbc.sql("update orders.outbox set published_at = now() where id = :id").param("id", id).update();
    }

    /**
     * Counts a failed attempt against the event and keeps its reason; the {@link #MAX_ATTEMPTS}th parks it.
     *
     * @return whether the event is parked now
     */
    boolean recordFailure(long id, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return Boolean.TRUE.equals(jdbc.sql("update orders.outbox set attempts = attempts + 1, last_error = :reason,"
                        + " parked_at = case when attempts + 1 >= :max then now() end"
                        + " where id = :id returning parked_at is not null")
                .param("reason", shortReason)
                .param("max", MAX_ATTEMPTS)
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false));
    }

    /** An event as stored: its row id and its JSON payload, not yet read. */
    record Pending(long id, String payload) {
    }

    /** The event in {@code pending}; {@link UnreadableEvent} when its payload is not an order-placed event. */
    OrderPlaced read(Pending pending) {
        OrderPlaced event;
        try {
            event = json.readValue(pending.payload(), OrderPlaced.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableEvent("Unreadable payload: " + e.getOriginalMessage());
        }
        if (event.eventId() == null || event.userId() == null || event.placedAt() == null) {
            throw new UnreadableEvent("The payload lacks eventId, userId or placedAt: " + pending.payload());
        }
        return event;
    }

    /** The payload of an outbox event cannot be read: trying again will not help. */
    static final class UnreadableEvent extends RuntimeException {

        UnreadableEvent(String message) {
            super(message);
        }
    }

    private String write(OrderPlaced event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
