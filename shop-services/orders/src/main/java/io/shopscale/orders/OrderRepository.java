package io.shopscale.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.shopscale.kit.api.CatalogApi.Reservation;

@Repository
class OrderRepository {

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(UUID userId, String key, Reservation reservation, String paymentId) {
        long id = jdbc.sql("insert into orders.orders (user_id, idempotency_key, status, total_cents, payment_id)"
                        + " values (:user, :key, 'PLACED', :total, :payment) returning id")
                .param("user", userId)
                .param("key", key)
                .param("total", reservation.totalCents())
                .param("payment", paymentId)
                .query(Long.class)
                .single();
        for (var line : reservation.lines()) {
            jdbc.sql("insert into orders.order_lines (order_id, product_id, product_name, quantity, unit_price_cents)"
                            + " values (:order, :product, :name, :quantity, :price)")
                    .param("order", id)
                    .param("product", line.productId())
                    .param("name", line.name())
                    .param("quantity", line.quantity())
                    .param("price", line.unitPriceCents())
                    .update();
        }
        return id;
    }

    Optional<Order> find(UUID userId, long orderId) {
        return list("where o.user_id = :user and o.id = :order", Map.of("user", userId, "order", orderId))
                .stream().findFirst();
    }

    List<Order> recent(UUID userId, int limit) {
        return list("where o.id in (select id from orders.orders where user_id = :user order by id desc limit :limit)",
                Map.of("user", userId, "limit", limit));
    }

    private List<Order> list(String where, Map<String, Object> params) {
        List<Row> rows = jdbc.sql("select o.id, o.status, o.total_cents, o.payment_id, o.created_at,"
                        + " l.product_id, l.product_name, l.quantity, l.unit_price_cents"
                        + " from orders.orders o join orders.order_lines l on l.order_id = o.id " + where
                        + " order by o.id desc, l.product_id")
                .params(params)
                .query(OrderRepository::row)
                .list();
        Map<Long, List<Row>> byOrder = rows.stream()
                .collect(Collectors.groupingBy(Row::orderId, LinkedHashMap::new, Collectors.toList()));
        return byOrder.values().stream().map(OrderRepository::order).toList();
    }

    private static Row row(ResultSet rs, int number) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("status"), rs.getLong("total_cents"),
                rs.getString("payment_id"), rs.getTimestamp("created_at").toInstant(),
                new Order.OrderLine(rs.getLong("product_id"), rs.getString("product_name"), rs.getInt("quantity"),
                        rs.getLong("unit_price_cents")));
    }

    private static Order order(List<Row> rows) {
        Row first = rows.get(0);
        return new Order(first.orderId(), first.status(), first.totalCents(),
                rows.stream().map(Row::line).toList(), first.paymentId(), first.createdAt());
    }

    private record Row(long orderId, String status, long totalCents, String paymentId, Instant createdAt,
            Order.OrderLine line) {
    }
}
