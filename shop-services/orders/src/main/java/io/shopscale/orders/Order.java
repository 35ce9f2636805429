package io.shopscale.orders;

import java.time.Instant;
import java.util.List;

/** A placed order as its shopper sees it. Prices are in cents. */
public record Order(long id, String status, long totalCents, List<OrderLine> items, String paymentId,
        Instant createdAt) {

    public record OrderLine(long productId, String name, int quantity, long unitPriceCents) {
    }
}
