package io.shopscale.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.shopscale.kit.api.NotificationsApi;

/**
 * Delivers outbox events to notifications, at least once. Every orders replica runs a relay; SKIP LOCKED hands
 * each event to one of them at a time, and the receiver ignores an event it has already handled.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 50;

    private final Outbox outbox;
    private final NotificationsApi notifications;
    private final TransactionTemplate transaction;

    OutboxRelay(Outbox outbox, NotificationsApi notifications, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${shop.orders.outbox-interval:500ms}", initialDelayString = "2s")
    void relay() {
        int delivered;
        do {
            delivered = deliverBatch();
        } while (delivered == BATCH);
    }

    /** Delivers one batch; an event that fails stays pending, with the ones after it, for the next round. */
    int deliverBatch() {
        Integer delivered = transaction.execute(status -> {
            int count = 0;
            for (Outbox.Pending pending : outbox.lockPending(BATCH)) {
                try {
                    notifications.deliver(pending.event());
                } catch (RuntimeException e) {
                    log.warn("Event {} not delivered yet: {}", pending.event().eventId(), e.getMessage());
                    break;
                }
                outbox.markPublished(pending.id());
                count++;
            }
            return count;
        });
        return delivered == null ? 0 : delivered;
    }
}
