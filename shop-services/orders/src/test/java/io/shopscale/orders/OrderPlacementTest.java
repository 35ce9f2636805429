package io.shopscale.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.api.PaymentsApi;
import io.shopscale.kit.client.HttpPaymentsApi;
import io.shopscale.kit.client.InternalPaths;
import io.shopscale.kit.client.ServiceClient;
import io.shopscale.kit.security.InternalCredential;
import io.shopscale.kit.web.DependencyUnavailable;

/** Placing orders on a real PostgreSQL while requests stall, time out and are retried with the same key. */
@Tag("docker")
class OrderPlacementTest {

    private static final OrderRequest ONE_BOOK = new OrderRequest(List.of(new OrderRequest.Item(7L, 1)));

    private static OrdersDatabase db;

    private final List<String> reservations = new CopyOnWriteArrayList<>();
    private HttpServer payments;

    @BeforeAll
    static void database() {
        db = OrdersDatabase.create("orders_placement");
    }

    @AfterEach
    void stopPayments() {
        if (payments != null) {
            payments.stop(0);
        }
    }

    @Test
    void aRequestThatStalledPastItsLeaseAnswersWithTheOrderItsRetryPlaced() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        PaymentsApi slowFirst = new PaymentsApi() {
            private final Map<String, Payment> charged = new ConcurrentHashMap<>();

            @Override
            public Payment charge(Charge charge) {
                Payment payment = charged.computeIfAbsent(charge.key(),
                        key -> new Payment("pay-" + UUID.randomUUID(), key, charge.amountCents(), "CAPTURED"));
                if (stalled.getCount() > 0) {
                    stalled.countDown();
                    await(resume);
                }
                return payment;
            }
        };
        OrderPlacement placement = placement(Duration.ofMillis(500), slowFirst);
        UUID shopper = UUID.randomUUID();

        CompletableFuture<OrderPlacement.Placed> first =
                CompletableFuture.supplyAsync(() -> placement.place(shopper, "key-stall", ONE_BOOK));
        assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(800);
        OrderPlacement.Placed retry = placement.place(shopper, "key-stall", ONE_BOOK);
        resume.countDown();
        OrderPlacement.Placed stalledOne = first.get(20, TimeUnit.SECONDS);

        assertThat(retry.replayed()).isFalse();
        assertThat(stalledOne.replayed()).as("the stalled request answers with the order that exists").isTrue();
        assertThat(stalledOne.order().id()).isEqualTo(retry.order().id());
        assertThat(db.count("select count(*) from orders.orders where user_id = '" + shopper + "'")).isEqualTo(1);
    }

    @Test
    void aChargeWhoseAnswerCameTooLateIsResumedByTheRetryAtOnceAndChargedOnce() throws IOException {
        List<JsonNode> charges = new CopyOnWriteArrayList<>();
        startPayments(Duration.ofSeconds(4), charges);
        ServiceClient client = new ServiceClient("payments", "http://127.0.0.1:" + payments.getAddress().getPort(),
                new InternalCredential("stack-secret"), Duration.ofSeconds(1), Duration.ofSeconds(1));
        OrderPlacement placement = placement(Duration.ofSeconds(30), new HttpPaymentsApi(client));
        UUID shopper = UUID.randomUUID();

        assertThatThrownBy(() -> placement.place(shopper, "key-slow", ONE_BOOK))
                .isInstanceOfSatisfying(DependencyUnavailable.class, e -> assertThat(e.outcomeUnknown()).isTrue())
                .hasMessageContaining("Retry with the same Idempotency-Key");
        assertThat(db.count("select count(*) from orders.idempotency_keys where user_id = '" + shopper
                + "' and state = 'IN_PROGRESS' and locked_until <= now()")).as("the key is paused").isEqualTo(1);
        assertThat(reservations).as("the reservation is kept for the retry").hasSize(1);

        Instant retried = Instant.now();
        OrderPlacement.Placed placed = placement.place(shopper, "key-slow", ONE_BOOK);

        assertThat(Duration.between(retried, Instant.now())).as("the retry did not wait for the 30 s lease")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(placed.replayed()).isFalse();
        assertThat(placed.order().paymentId()).isEqualTo("pay-1");
        assertThat(charges).hasSize(2);
        assertThat(charges.get(1).get("key")).isEqualTo(charges.get(0).get("key"));
        assertThat(reservations).hasSize(2).containsOnly(reservations.get(0));
        assertThat(db.count("select count(*) from orders.orders where user_id = '" + shopper + "'")).isEqualTo(1);
    }

    /** A payment provider that answers the first charge after {@code firstDelay}, the others at once. */
    private void startPayments(Duration firstDelay, List<JsonNode> charges) throws IOException {
        payments = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        payments.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        payments.createContext(InternalPaths.PAYMENTS_CHARGES, exchange -> {
            JsonNode charge = db.json().readTree(exchange.getRequestBody());
            charges.add(charge);
            if (charges.size() == 1) {
                sleep(firstDelay);
            }
            byte[] body = ("{\"id\":\"pay-1\",\"key\":\"" + charge.get("key").asText() + "\",\"amountCents\":"
                    + charge.get("amountCents").asLong() + ",\"status\":\"CAPTURED\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException clientGone) {
                // The orders client timed out and closed the connection, as it should.
            }
            exchange.close();
        });
        payments.start();
    }

    private OrderPlacement placement(Duration lease, PaymentsApi paymentsApi) {
        CatalogApi catalog = new CatalogApi() {
            @Override
            public Reservation reserve(String key, List<Line> lines) {
                reservations.add(key);
                return new Reservation(key, lines.stream()
                        .map(line -> new ReservedLine(line.productId(), "Book " + line.productId(), line.quantity(),
                                1250))
                        .toList());
            }

            @Override
            public void release(String key) {
                reservations.remove(key);
            }
        };
        return new OrderPlacement(new IdempotencyKeys(db.jdbc(), lease, Duration.ofSeconds(10)),
                new OrderRepository(db.jdbc()), new Outbox(db.jdbc(), db.json()), catalog, paymentsApi,
                db.transaction());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
