package io.shopscale.kit;

/**
 * Marks the kit's package for component scanning: every shop application scans the kit and its own feature
 * modules, and nothing else.
 */
public final class ShopKit {

    private ShopKit() {
    }
}
