package io.shopscale.catalog;

/** A product as shoppers see it. Prices are in cents. */
public record Product(long id, String sku, String name, String description, long priceCents, int stock) {
}
