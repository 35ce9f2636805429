package io.shopscale.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProductRepository {

    private static final String COLUMNS = "id, sku, name, description, price_cents, stock";

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ProductPage search(String text, int page, int size) {
        String pattern = "%" + escapeLike(text.trim()) + "%";
        String where = " from catalog.products where name ilike :pattern or description ilike :pattern"
                + " or sku ilike :pattern";
        List<Product> items = jdbc.sql("select " + COLUMNS + where + " order by id limit :size offset :offset")
                .param("pattern", pattern)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Product.class)
                .list();
        long total = jdbc.sql("select count(*)" + where).param("pattern", pattern).query(Long.class).single();
        return new ProductPage(items, page, size, total);
    }

    Optional<Product> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from catalog.products where id = :id")
                .param("id", id)
                .query(Product.class)
                .optional();
    }

    /** Takes stock if there is enough; empty when the product is unknown or short. */
    Optional<Product> takeStock(long productId, int quantity) {
        return jdbc.sql("update catalog.products set stock = stock - :quantity"
                        + " where id = :id and stock >= :quantity returning " + COLUMNS)
                .param("quantity", quantity)
                .param("id", productId)
                .query(Product.class)
                .optional();
    }

    void giveStockBack(long productId, int quantity) {
        jdbc.sql("update catalog.products set stock = stock + :quantity where id = :id")
                .param("quantity", quantity)
                .param("id", productId)
                .update();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
