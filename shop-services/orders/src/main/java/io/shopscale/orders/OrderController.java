package io.shopscale.orders;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.shopscale.kit.security.ShopUser;
import io.shopscale.kit.web.ShopProblem;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int LIMIT = 100;

    private final OrderPlacement placement;
    private final OrderRepository orders;

    OrderController(OrderPlacement placement, OrderRepository orders) {
        this.placement = placement;
        this.orders = orders;
    }

    @PostMapping
    ResponseEntity<Order> place(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @RequestBody OrderRequest request) {
        OrderPlacement.Placed placed = placement.place(ShopUser.current().id(), idempotencyKey, request);
        return ResponseEntity.created(URI.create("/api/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", Boolean.toString(placed.replayed()))
                .body(placed.order());
    }

    @GetMapping
    OrderList mine() {
        return new OrderList(orders.recent(ShopUser.current().id(), LIMIT));
    }

    @GetMapping("/{id}")
    Order one(@PathVariable long id) {
        return orders.find(ShopUser.current().id(), id)
                .orElseThrow(() -> ShopProblem.notFound("You have no order with id " + id + "."));
    }

    record OrderList(List<Order> items) {
    }
}
