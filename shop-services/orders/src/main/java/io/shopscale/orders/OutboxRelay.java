package io.shopscale.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.shopscale.kit.api.NotificationsApi;
import io.shopscale.kit.api.OrderPlaced;
import io.shopscale.kit.web.DependencyUnavailable;
import io.shopscale.kit.web.ShopProblem;

/**
 * Delivers outbox events to notifications, at least once. Every orders replica runs a relay; SKIP LOCKED hands
 * each event to one of them at a time, and the receiver ignores an event it has already handled.
 *
 * <p>Two kinds of failure are told apart. When notifications cannot be reached, the round stops and every event
 * waits, untouched, for the next one. When one event fails for a reason of its own (its payload cannot be read, the
 * receiver refuses it), the failure is counted against that event with its reason, the relay goes on with the
 * events behind it, and after {@link Outbox#MAX_ATTEMPTS} attempts the event is parked.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 50;

    private final Outbox outbox;
    private final NotificationsApi notifications;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    OutboxRelay(Outbox outbox, NotificationsApi notifications, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.transaction = transaction;
        // In the monolith the receiver writes in this transaction: a savepoint per event lets one event's failure
        // undo only its own writes, not the deliveries already made in the batch.
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Scheduled(fixedDelayString = "${shop.orders.outbox-interval:500ms}", initialDelayString = "2s")
    void relay() {
        int handled;
        do {
            handled = deliverBatch();
        } while (handled == BATCH);
    }

    /**
     * Delivers one batch in one transaction.
     *
     * @return how many events were delivered or had a failure counted; fewer than a full batch when the events ran
     *         out or notifications could not be reached
     */
    int deliverBatch() {
        Integer handled = transaction.execute(status -> {
            int count = 0;
            for (Outbox.Pending pending : outbox.lockPending(BATCH)) {
                if (!deliver(pending)) {
                    break;
                }
                count++;
            }
            return count;
        });
        return handled == null ? 0 : handled;
    }

    /** False when notifications could not be reached: the event and those after it wait for the next round. */
    private boolean deliver(Outbox.Pending pending) {
        try {
            OrderPlaced event = outbox.read(pending);
            savepoint.executeWithoutResult(status -> {
                notifications.deliver(event);
                outbox.markPublished(pending.id());
            });
            return true;
        } catch (DependencyUnavailable e) {
            log.warn("Outbox event {} not delivered yet: {}", pending.id(), e.getMessage());
            return false;
        } catch (Outbox.UnreadableEvent e) {
            rejected(pending, e.getMessage());
            return true;
        } catch (ShopProblem e) {
            if (refusesTheEvent(e)) {
                rejected(pending, "Refused by notifications (" + e.status().value() + "): " + e.getMessage());
                return true;
            }
            log.warn("Outbox event {} not delivered yet: {}", pending.id(), e.getMessage());
            return false;
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            // The database is out of reach or busy: nothing is wrong with the event.
            log.warn("Outbox event {} not delivered yet: {}", pending.id(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // The receiver failed on this event's data (a constraint, a value it cannot take).
            rejected(pending, e.getClass().getSimpleName() + ": " + e.getMessage());
            return true;
        }
    }

    /**
     * Whether notifications refused this event for what it holds (400, 409, 422): a refusal of the caller (401, 403),
     * a missing endpoint (404) or a busy receiver (408, 429) says nothing about the event, and must not park it.
     */
    private static boolean refusesTheEvent(ShopProblem problem) {
        int status = problem.status().value();
        return problem.status().is4xxClientError() && status != 401 && status != 403 && status != 404
                && status != 408 && status != 429;
    }

    private void rejected(Outbox.Pending pending, String reason) {
        boolean parked = outbox.recordFailure(pending.id(), reason);
        if (parked) {
            log.error("Outbox event {} parked after {} attempts: {}", pending.id(), Outbox.MAX_ATTEMPTS, reason);
        } else {
            log.warn("Outbox event {} failed, will try again: {}", pending.id(), reason);
        }
    }
}
