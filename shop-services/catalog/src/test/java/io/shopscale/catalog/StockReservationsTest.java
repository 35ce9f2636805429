package io.shopscale.catalog;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.api.CatalogApi.Line;
import io.shopscale.kit.api.CatalogApi.Reservation;
import io.shopscale.kit.testing.SharedPostgres;
import io.shopscale.kit.web.ShopProblem;

/** Stock reservations on a real PostgreSQL. */
@Tag("docker")
@SpringBootTest(classes = CatalogApplication.class)
class StockReservationsTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SharedPostgres.springProperties("catalog_test").forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    CatalogApi catalog;

    @Autowired
    ProductRepository products;

    @Test
    void theSeededCatalogHasAtLeast200Products() {
        assertThat(products.search("", 0, 1).total()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void reservingTwiceWithOneKeyTakesStockOnce() {
        int before = stock(101);
        Reservation first = catalog.reserve("test:twice", List.of(new Line(101, 3)));
        Reservation second = catalog.reserve("test:twice", List.of(new Line(101, 3)));
        assertThat(second).isEqualTo(first);
        assertThat(first.lines().get(0).name()).isEqualTo(products.find(101).orElseThrow().name());
        assertThat(stock(101)).isEqualTo(before - 3);
    }

    @Test
    void concurrentReservationsWithOneKeyTakeStockOnce() throws Exception {
        int before = stock(102);
        List<Callable<Reservation>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> catalog.reserve("test:concurrent", List.of(new Line(102, 2), new Line(103, 1))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        Set<Reservation> results = new HashSet<>();
        try {
            for (Future<Reservation> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results).hasSize(1);
        assertThat(stock(102)).isEqualTo(before - 2);
    }

    @Test
    void releasingGivesStockBackOnceAndAllowsReservingAgain() {
        int before = stock(104);
        catalog.reserve("test:release", List.of(new Line(104, 5)));
        catalog.release("test:release");
        catalog.release("test:release");
        assertThat(stock(104)).isEqualTo(before);
        catalog.reserve("test:release", List.of(new Line(104, 5)));
        assertThat(stock(104)).isEqualTo(before - 5);
    }

    @Test
    void shortStockAndUnknownProductsAreRefusedAndTakeNothing() {
        int before = stock(105);
        assertThatThrownBy(() -> catalog.reserve("test:short", List.of(new Line(105, 1), new Line(106, 10_000_000))))
                .isInstanceOfSatisfying(ShopProblem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(409);
                    assertThat(problem.detail()).contains("in stock");
                });
        assertThatThrownBy(() -> catalog.reserve("test:unknown", List.of(new Line(105, 1), new Line(999_999, 1))))
                .isInstanceOfSatisfying(ShopProblem.class,
                        problem -> assertThat(problem.status().value()).isEqualTo(422));
        assertThat(stock(105)).isEqualTo(before);
    }

    private int stock(long productId) {
        return products.find(productId).orElseThrow().stock();
    }
}
