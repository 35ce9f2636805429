package io.shopscale.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.web.ShopProblem;

/**
 * Holds stock for order attempts. A reservation's key makes it idempotent: concurrent or repeated calls with one
 * key serialise on the reservation's row and all see the first result.
 */
@Service
class StockReservations implements CatalogApi {

    private final JdbcClient jdbc;
    private final ProductRepository products;

    StockReservations(JdbcClient jdbc, ProductRepository products) {
        this.jdbc = jdbc;
        this.products = products;
    }

    @Override
    @Transactional
    public Reservation reserve(String key, List<Line> lines) {
        String status = lockReservation(key);
        if ("RESERVED".equals(status)) {
            return new Reservation(key, reservedLines(key));
        }
        jdbc.sql("delete from catalog.reservation_lines where reservation_key = :key").param("key", key).update();
        // Lock products in id order, so two reservations never wait on each other's rows.
        for (Map.Entry<Long, Integer> line : merged(lines).entrySet()) {
            long productId = line.getKey();
            int quantity = line.getValue();
            Product product = products.takeStock(productId, quantity).orElseThrow(() -> shortage(productId, quantity));
            jdbc.sql("insert into catalog.reservation_lines"
                            + " (reservation_key, product_id, product_name, quantity, unit_price_cents)"
                            + " values (:key, :product, :name, :quantity, :price)")
                    .param("key", key)
                    .param("product", productId)
                    .param("name", product.name())
                    .param("quantity", quantity)
                    .param("price", product.priceCents())
                    .update();
        }
        setStatus(key, "RESERVED");
        return new Reservation(key, reservedLines(key));
    }

    @Override
    @Transactional
    public void release(String key) {
        if (!"RESERVED".equals(lockReservationIfPresent(key))) {
            return;
        }
        for (ReservedLine line : reservedLines(key)) {
            products.giveStockBack(line.productId(), line.quantity());
        }
        setStatus(key, "RELEASED");
    }

    private String lockReservation(String key) {
        jdbc.sql("insert into catalog.reservations (reservation_key, status) values (:key, 'PENDING')"
                        + " on conflict (reservation_key) do nothing")
                .param("key", key)
                .update();
        return lockReservationIfPresent(key);
    }

    private String lockReservationIfPresent(String key) {
        return jdbc.sql("select status from catalog.reservations where reservation_key = :key for update")
                .param("key", key)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private void setStatus(String key, String status) {
        jdbc.sql("update catalog.reservations set status = :status, updated_at = now() where reservation_key = :key")
                .param("status", status)
                .param("key", key)
                .update();
    }

    private List<ReservedLine> reservedLines(String key) {
        return jdbc.sql("select product_id, product_name as name, quantity, unit_price_cents"
                        + " from catalog.reservation_lines where reservation_key = :key order by product_id")
                .param("key", key)
                .query(ReservedLine.class)
                .list()
                .stream()
                .sorted(Comparator.comparingLong(ReservedLine::productId))
                .toList();
    }

    private ShopProblem shortage(long productId, int quantity) {
        return products.find(productId)
                .map(product -> ShopProblem.conflict("Only " + product.stock() + " of '" + product.name()
                        + "' (product " + productId + ") are in stock; " + quantity + " were asked for."))
                .orElseGet(() -> ShopProblem.unprocessable("There is no product with id " + productId + "."));
    }

    private static Map<Long, Integer> merged(List<Line> lines) {
        Map<Long, Integer> byProduct = new TreeMap<>();
        for (Line line : lines) {
            byProduct.merge(line.productId(), line.quantity(), Integer::sum);
        }
        return byProduct;
    }
}
