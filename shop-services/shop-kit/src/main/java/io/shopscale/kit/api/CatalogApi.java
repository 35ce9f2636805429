package io.shopscale.kit.api;

import java.util.List;

/**
 * What other modules may ask of the catalog. In the monolith the catalog module implements it in-process; in the
 * services topology an HTTP client does.
 */
public interface CatalogApi {

    /**
     * Reserves stock for the lines, once per key: a repeated call with the same key returns the first reservation.
     *
     * @throws io.shopscale.kit.web.ShopProblem 422 for an unknown product, 409 when stock is short
     */
    Reservation reserve(String key, List<Line> lines);

    /** Gives the stock of a reservation back; releasing an unknown or released key does nothing. */
    void release(String key);

    record Line(long productId, int quantity) {
    }

    record ReservedLine(long productId, String name, int quantity, long unitPriceCents) {
    }

    record Reservation(String key, List<ReservedLine> lines) {

        public long totalCents() {
            return lines.stream().mapToLong(line -> line.unitPriceCents() * line.quantity()).sum();
        }
    }
}
