package io.shopscale.notifications;

import java.time.Instant;

public record Notification(long id, long orderId, String message, Instant createdAt) {
}
