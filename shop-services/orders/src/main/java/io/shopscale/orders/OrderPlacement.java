package io.shopscale.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.api.CatalogApi.Reservation;
import io.shopscale.kit.api.OrderPlaced;
import io.shopscale.kit.api.PaymentsApi;
import io.shopscale.kit.api.PaymentsApi.Payment;
import io.shopscale.kit.web.DependencyUnavailable;
import io.shopscale.kit.web.ShopProblem;
import io.shopscale.orders.IdempotencyKeys.AlreadyPlaced;
import io.shopscale.orders.IdempotencyKeys.Claimed;

/**
 * Places an order exactly once per (shopper, Idempotency-Key): reserve stock, charge, then write the order and its
 * "order placed" event in one transaction. Reserving and charging are idempotent by a key derived from the
 * Idempotency-Key, so a request that resumes a crashed or interrupted attempt repeats them without effect.
 */
@Service
class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final int MAX_QUANTITY = 100;

    private final IdempotencyKeys keys;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final CatalogApi catalog;
    private final PaymentsApi payments;
    private final TransactionTemplate transaction;

    OrderPlacement(IdempotencyKeys keys, OrderRepository orders, Outbox outbox, CatalogApi catalog,
            PaymentsApi payments, TransactionTemplate transaction) {
        this.keys = keys;
        this.orders = orders;
        this.outbox = outbox;
        this.catalog = catalog;
        this.payments = payments;
        this.transaction = transaction;
    }

    /** The order placed under the key, and whether an earlier request had already placed it. */
    record Placed(Order order, boolean replayed) {
    }

    Placed place(UUID userId, String idempotencyKey, OrderRequest request) {
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw ShopProblem.badRequest("The Idempotency-Key header must be 1 to 100 letters, digits or . _ : -");
        }
        Map<Long, Integer> quantities = request.quantities();
        quantities.forEach((product, quantity) -> {
            if (quantity > MAX_QUANTITY) {
                throw ShopProblem.badRequest("At most " + MAX_QUANTITY + " of product " + product
                        + " may be ordered at once; " + quantity + " were asked for.");
            }
        });
        IdempotencyKeys.Outcome outcome = keys.claim(userId, idempotencyKey, request.fingerprint());
        if (outcome instanceof AlreadyPlaced placed) {
            return new Placed(load(userId, placed.orderId()), true);
        }
        Claimed claim = (Claimed) outcome;
        String stepKey = "order:" + userId + ":" + idempotencyKey;
        Reservation reservation = reserve(claim, stepKey, quantities);
        Payment payment = charge(claim, stepKey, userId, reservation);
        long orderId;
        try {
            orderId = transaction.execute(status -> {
                long id = orders.insert(userId, idempotencyKey, reservation, payment.id());
                outbox.add(new OrderPlaced(UUID.randomUUID(), id, userId, reservation.totalCents(),
                        reservation.lines().stream().mapToInt(CatalogApi.ReservedLine::quantity).sum(),
                        Instant.now()));
                if (!keys.complete(claim, id)) {
                    status.setRollbackOnly();
                    return -1L;
                }
                return id;
            });
        } catch (DuplicateKeyException e) {
            // Our claim expired while we stalled, and the request that took it over has placed the order already.
            orderId = -1L;
        }
        if (orderId < 0) {
            // Our claim expired and another request took the order over; it finishes with the same steps, and
            // claiming again answers with its order (or asks to retry while it is still being placed).
            return place(userId, idempotencyKey, request);
        }
        return new Placed(load(userId, orderId), false);
    }

    private Reservation reserve(Claimed claim, String stepKey, Map<Long, Integer> quantities) {
        List<CatalogApi.Line> lines = quantities.entrySet().stream()
                .map(entry -> new CatalogApi.Line(entry.getKey(), entry.getValue()))
                .toList();
        try {
            return catalog.reserve(stepKey, lines);
        } catch (RuntimeException e) {
            releaseQuietly(stepKey);
            keys.abandon(claim);
            throw e;
        }
    }

    private Payment charge(Claimed claim, String stepKey, UUID userId, Reservation reservation) {
        try {
            return payments.charge(new PaymentsApi.Charge(stepKey, userId, reservation.totalCents()));
        } catch (DependencyUnavailable e) {
            if (e.outcomeUnknown()) {
                // The charge may have gone through: keep the reservation and let a retry with the same key resume.
                keys.pause(claim);
                throw new DependencyUnavailable("Payments did not confirm the charge. Retry with the same "
                        + "Idempotency-Key: it resumes this order and never charges twice.", true);
            }
            undo(claim, stepKey);
            throw new DependencyUnavailable("The order was not placed because payments could not take the charge: "
                    + e.getMessage(), false);
        } catch (RuntimeException e) {
            undo(claim, stepKey);
            throw e;
        }
    }

    private void undo(Claimed claim, String stepKey) {
        releaseQuietly(stepKey);
        keys.abandon(claim);
    }

    private void releaseQuietly(String stepKey) {
        try {
            catalog.release(stepKey);
        } catch (RuntimeException e) {
            log.warn("Could not release stock reservation {}: {}", stepKey, e.getMessage());
        }
    }

    private Order load(UUID userId, long orderId) {
        return orders.find(userId, orderId).orElseThrow(() -> new IllegalStateException("Order " + orderId
                + " is recorded for its key but cannot be read"));
    }
}
