package io.shopscale.catalog;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.shopscale.kit.web.ShopProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/catalog/products")
@Validated
class ProductController {

    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping
    ProductPage list(@RequestParam(defaultValue = "") @Size(max = 100, message = "q must be at most 100 characters") String q,
            @RequestParam(defaultValue = "0") @Min(value = 0, message = "page must be 0 or more") @Max(value = 100000, message = "page must be at most 100000") int page,
            @RequestParam(defaultValue = "20") @Min(value = 1, message = "size must be between 1 and 100") @Max(value = 100, message = "size must be between 1 and 100") int size) {
        return products.search(q, page, size);
    }

    @GetMapping("/{id}")
    Product detail(@PathVariable long id) {
        return products.find(id).orElseThrow(() -> ShopProblem.notFound("There is no product with id " + id + "."));
    }
}
