package io.shopscale.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.shopscale.kit.web.RunningRequests;
import io.shopscale.kit.web.ShopProblem;

/**
 * Claims an Idempotency-Key so that one request at a time works on it. Others with the same key wait for the
 * first to finish and answer with its order; a claim whose holder died expires and is taken over.
 */
@Repository
class IdempotencyKeys {

    private static final Duration POLL = Duration.ofMillis(100);

    private final JdbcClient jdbc;
    private final Duration lease;
    private final Duration maxWait;

    IdempotencyKeys(JdbcClient jdbc,
            @Value("${shop.orders.claim-lease:30s}") Duration lease,
            @Value("${shop.orders.claim-wait:20s}") Duration maxWait) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.maxWait = maxWait;
    }

    /** Either a claim to work on the key, or the order that an earlier request with the key placed. */
    sealed interface Outcome permits Claimed, AlreadyPlaced {
    }

    record Claimed(UUID userId, String key, UUID token) implements Outcome {
    }

    record AlreadyPlaced(long orderId) implements Outcome {
    }

    Outcome claim(UUID userId, String key, String fingerprint) {
        Instant giveUp = Instant.now().plus(maxWait);
        while (true) {
            UUID token = UUID.randomUUID();
            if (insertClaim(userId, key, fingerprint, token)) {
                return new Claimed(userId, key, token);
            }
            Optional<KeyRow> row = find(userId, key);
            if (row.isPresent()) {
                KeyRow existing = row.get();
                if (!existing.requestHash().equals(fingerprint)) {
                    throw ShopProblem.unprocessable("This Idempotency-Key was already used for a different order. "
                            + "Use a new key for a new order.");
                }
                if ("COMPLETED".equals(existing.state())) {
                    return new AlreadyPlaced(existing.orderId());
                }
                if (existing.expired() && takeOver(userId, key, token)) {
                    return new Claimed(userId, key, token);
                }
            }
            if (Instant.now().isAfter(giveUp)) {
                throw ShopProblem.conflict("An order with this Idempotency-Key is still being placed. "
                        + "Retry in a few seconds with the same key.");
            }
            sleep();
        }
    }

    /** Marks the key done; false when the claim was lost to another request, which will then finish the order. */
    boolean complete(Claimed claim, long orderId) {
        return jdbc.sql("update orders.idempotency_keys set state = 'COMPLETED', order_id = :order"
                        + " where user_id = :user and idempotency_key = :key and claim_token = :token")
                .param("order", orderId)
                .param("user", claim.userId())
                .param("key", claim.key())
                .param("token", claim.token())
                .update() == 1;
    }

    /** Forgets the key: nothing was done under it, so a retry starts afresh. */
    void abandon(Claimed claim) {
        jdbc.sql("delete from orders.idempotency_keys where user_id = :user and idempotency_key = :key"
                        + " and claim_token = :token and state = 'IN_PROGRESS'")
                .param("user", claim.userId())
                .param("key", claim.key())
                .param("token", claim.token())
                .update();
    }

    /** Lets the next request with the key resume at once: some steps may have been done and must not be undone. */
    void pause(Claimed claim) {
        jdbc.sql("update orders.idempotency_keys set locked_until = now()"
                        + " where user_id = :user and idempotency_key = :key and claim_token = :token")
                .param("user", claim.userId())
                .param("key", claim.key())
                .param("token", claim.token())
                .update();
    }

    private boolean insertClaim(UUID userId, String key, String fingerprint, UUID token) {
        return jdbc.sql("insert into orders.idempotency_keys"
                        + " (user_id, idempotency_key, request_hash, state, claim_token, locked_until)"
                        + " values (:user, :key, :hash, 'IN_PROGRESS', :token, now() + make_interval(secs => :lease))"
                        + " on conflict (user_id, idempotency_key) do nothing")
                .param("user", userId)
                .param("key", key)
                .param("hash", fingerprint)
                .param("token", token)
                .param("lease", (double) lease.toMillis() / 1000)
                .update() == 1;
    }

    private boolean takeOver(UUID userId, String key, UUID token) {
        return jdbc.sql("update orders.idempotency_keys set claim_token = :token,"
                        + " locked_until = now() + make_interval(secs => :lease)"
                        + " where user_id = :user and idempotency_key = :key and state = 'IN_PROGRESS'"
                        + " and locked_until <= now()")
                .param("token", token)
                .param("lease", (double) lease.toMillis() / 1000)
                .param("user", userId)
                .param("key", key)
                .update() == 1;
    }

    private Optional<KeyRow> find(UUID userId, String key) {
        return jdbc.sql("select state, request_hash, order_id, locked_until <= now() as expired"
                        + " from orders.idempotency_keys where user_id = :user and idempotency_key = :key")
                .param("user", userId)
                .param("key", key)
                .query(KeyRow.class)
                .optional();
    }

    private static void sleep() {
        // Waiting for another request: that one may need a place to finish.
        RunningRequests.giveUpPlace();
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ShopProblem.unavailable("Interrupted while waiting for the same order to be placed.");
        }
    }

    private record KeyRow(String state, String requestHash, Long orderId, boolean expired) {
    }
}
