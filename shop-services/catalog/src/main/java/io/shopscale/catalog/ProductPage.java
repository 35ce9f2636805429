package io.shopscale.catalog;

import java.util.List;

/** One page of a product listing; {@code total} counts every match, not just this page. */
public record ProductPage(List<Product> items, int page, int size, long total) {
}
