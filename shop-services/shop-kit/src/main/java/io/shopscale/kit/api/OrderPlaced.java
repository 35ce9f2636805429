package io.shopscale.kit.api;

import java.time.Instant;
import java.util.UUID;

/** The event an order writes to its outbox in the same transaction as the order itself. */
public record OrderPlaced(UUID eventId, long orderId, UUID userId, long totalCents, int itemCount,
        Instant placedAt) {
}
