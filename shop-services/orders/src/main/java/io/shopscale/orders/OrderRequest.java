package io.shopscale.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a shopper asks to buy. */
public record OrderRequest(
        @NotEmpty(message = "must list at least one product")
        @Size(max = 50, message = "must list at most 50 products") List<@Valid @NotNull Item> items) {

    public record Item(
            @NotNull(message = "is required") @Min(value = 1, message = "must be a product id") Long productId,
            @NotNull(message = "is required") @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100") Integer quantity) {
    }

    /** Quantity per product, with repeated products added together, in product order. */
    Map<Long, Integer> quantities() {
        Map<Long, Integer> byProduct = new TreeMap<>();
        items.forEach(item -> byProduct.merge(item.productId(), item.quantity(), Integer::sum));
        return byProduct;
    }

    /** Identifies the request's meaning, so that a key reused for a different order is recognised. */
    String fingerprint() {
        String canonical = quantities().entrySet().stream()
                .map(entry -> entry.getKey() + "x" + entry.getValue())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
