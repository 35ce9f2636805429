package io.shopscale.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.shopscale.contract.ShopClient.Reply;
import io.shopscale.kit.security.InternalCredential;

/**
 * The shop's public HTTP API as a shopper meets it. The same scenarios run against every topology: a subclass
 * only says how to start the shop.
 */
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShopContract {

    /**
     * How long to keep watching for a duplicate notification after the expected one arrived: six rounds of the
     * slowest outbox relay (every 500 ms on a stack), so a redelivered event would have shown.
     */
    private static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(3);

    private RunningShop shop;
    private ShopClient client;

    abstract RunningShop startShop();

    @BeforeAll
    void start() {
        shop = startShop();
        client = new ShopClient(shop);
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    // ---- sso ----

    @Test
    void aShopperRegistersAndLogsInForASignedToken() {
        String email = uniqueEmail();
        Reply registered = client.post("/api/sso/register", Map.of("email", email, "name", "Ada",
                "password", "correct horse battery")).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("email").asText()).isEqualTo(email);

        Reply login = client.post("/api/sso/login", Map.of("email", email, "password", "correct horse battery"))
                .send();
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().get("token").asText();
        JsonNode header = decodePart(token, 0);
        JsonNode claims = decodePart(token, 1);
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(claims.get("iss").asText()).isEqualTo("shopscale-sso");
        assertThat(claims.get("aud").toString()).contains("shopscale");
        assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void registrationAndLoginRefuseWhatIsWrong() {
        String email = uniqueEmail();
        register(email);
        assertProblem(client.post("/api/sso/register", Map.of("email", email, "name", "Twin",
                "password", "another password")).send(), 409, "already exists");
        assertProblem(client.post("/api/sso/register", Map.of("email", "not-an-email", "name", "X",
                "password", "long enough")).send(), 400, "email");
        assertProblem(client.post("/api/sso/register", Map.of("email", uniqueEmail(), "name", "X",
                "password", "short")).send(), 400, "password");
        assertProblem(client.post("/api/sso/login", Map.of("email", email, "password", "wrong password")).send(),
                401, "wrong");
        assertProblem(client.post("/api/sso/login", Map.of("email", uniqueEmail(), "password", "whatever1")).send(),
                401, "wrong");
    }

    // ---- catalog ----

    @Test
    void browsingPagesThroughAtLeast200Products() {
        Reply first = client.get("/api/catalog/products?page=0&size=50").send();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("total").asLong()).isGreaterThanOrEqualTo(200);
        assertThat(first.json().get("items")).hasSize(50);
        Reply second = client.get("/api/catalog/products?page=1&size=50").send();
        Set<Long> ids = new HashSet<>();
        first.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        second.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        assertThat(ids).hasSize(100);
    }

    @Test
    void searchFindsProductsByText() {
        Reply tents = client.get("/api/catalog/products?q=tent&size=100").send();
        assertThat(tents.status()).isEqualTo(200);
        assertThat(tents.json().get("total").asLong()).isEqualTo(12);
        tents.json().get("items").forEach(item -> assertThat(item.get("name").asText()).containsIgnoringCase("tent"));
        Reply nothing = client.get("/api/catalog/products?q=%25_%25").send();
        assertThat(nothing.json().get("total").asLong()).isZero();
    }

    @Test
    void productDetailShowsStockAndUnknownProductsAreNotFound() {
        Reply product = client.get("/api/catalog/products/7").send();
        assertThat(product.status()).isEqualTo(200);
        assertThat(product.json().get("stock").asInt()).isPositive();
        assertThat(product.json().get("priceCents").asLong()).isPositive();
        assertProblem(client.get("/api/catalog/products/999999").send(), 404, "no product");
        assertProblem(client.get("/api/catalog/products/abc").send(), 400, "id");
        assertProblem(client.get("/api/catalog/products?size=1000").send(), 400, "size");
    }

    // ---- orders ----

    @Test
    void placingAnOrderChargesOnceAndRetriesReturnTheFirstResult() {
        String token = registerAndLogin();
        int stockBefore = stock(11);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = order(Map.of(11, 2, 12, 1));

        Reply placed = client.post("/api/orders", order).token(token).header("Idempotency-Key", key).send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode body = placed.json();
        assertThat(body.get("status").asText()).isEqualTo("PLACED");
        assertThat(body.get("items")).hasSize(2);
        assertThat(body.get("totalCents").asLong()).isEqualTo(
                2 * price(11) + price(12));
        assertThat(placed.header("Idempotent-Replayed")).isEqualTo("false");

        Reply retried = client.post("/api/orders", order).token(token).header("Idempotency-Key", key).send();
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().get("id")).isEqualTo(body.get("id"));
        assertThat(retried.json().get("paymentId")).isEqualTo(body.get("paymentId"));
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");

        assertProblem(client.post("/api/orders", order(Map.of(11, 3))).token(token).header("Idempotency-Key", key)
                .send(), 422, "different order");
        assertThat(stock(11)).isEqualTo(stockBefore - 2);
        assertThat(myOrders(token)).hasSize(1);
    }

    @Test
    void shoppersSeeOnlyTheirOwnOrders() {
        String alice = registerAndLogin();
        String bob = registerAndLogin();
        long aliceOrder = placeOrder(alice, Map.of(21, 1)).get("id").asLong();
        assertThat(myOrders(bob)).isEmpty();
        assertProblem(client.get("/api/orders/" + aliceOrder).token(bob).send(), 404, "no order");
        assertThat(client.get("/api/orders/" + aliceOrder).token(alice).send().json().get("id").asLong())
                .isEqualTo(aliceOrder);
    }

    @Test
    void anOrderPlacedLeadsToExactlyOneNotification() {
        String token = registerAndLogin();
        long orderId = placeOrder(token, Map.of(31, 1)).get("id").asLong();
        JsonNode notifications = eventually(() -> {
            JsonNode items = client.get("/api/notifications").token(token).send().json().get("items");
            return items.size() > 0 ? items : null;
        });
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).get("orderId").asLong()).isEqualTo(orderId);
        pause(DUPLICATE_WINDOW);
        JsonNode later = client.get("/api/notifications").token(token).send().json().get("items");
        assertThat(later).as("no duplicate within %s of relay rounds", DUPLICATE_WINDOW).hasSize(1);
        assertThat(notifications.get(0).get("message").asText()).contains("#" + orderId);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyPlaceOneOrderAndOneCharge() throws Exception {
        String token = registerAndLogin();
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = order(Map.of(41, 1));
        List<Callable<Reply>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> client.post("/api/orders", order).token(token).header("Idempotency-Key", key).send());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            Set<String> orderIds = new HashSet<>();
            for (Future<Reply> reply : pool.invokeAll(requests)) {
                assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(201);
                orderIds.add(reply.get().json().get("id").asText());
            }
            assertThat(orderIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        String userId = decodePart(token, 1).get("sub").asText();
        assertThat(count("select count(*) from orders.orders where user_id = '" + userId + "'")).isEqualTo(1);
        assertThat(count("select count(*) from payments.payments where payer_id = '" + userId + "'")).isEqualTo(1);
    }

    @Test
    void afterManyOrdersOrdersPaymentsAndNotificationsAgree() throws Exception {
        List<String> shoppers = List.of(registerAndLogin(), registerAndLogin(), registerAndLogin());
        List<Callable<Reply>> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String token = shoppers.get(i % shoppers.size());
            Map<String, Object> order = order(Map.of(51 + i % 10, 1 + i % 3));
            String key = UUID.randomUUID().toString();
            requests.add(() -> client.post("/api/orders", order).token(token).header("Idempotency-Key", key).send());
            if (i % 4 == 0) {
                requests.add(() -> client.post("/api/orders", order).token(token).header("Idempotency-Key", key)
                        .send());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Reply> reply : pool.invokeAll(requests)) {
                assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        String users = shoppers.stream().map(token -> "'" + decodePart(token, 1).get("sub").asText() + "'")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        assertThat(count("select count(*) from orders.orders where user_id in (" + users + ")")).isEqualTo(60);
        assertThat(count("select count(*) from payments.payments where payer_id in (" + users + ")")).isEqualTo(60);
        String notifications = "select count(*) from notifications.notifications where user_id in (" + users + ")";
        eventually(() -> count(notifications) >= 60 ? Boolean.TRUE : null);
        pause(DUPLICATE_WINDOW);
        assertThat(count(notifications)).as("one notification per order, none more within %s", DUPLICATE_WINDOW)
                .isEqualTo(60);
    }

    @Test
    void aFailingPaymentProviderChargesNothingAndARetryWithTheSameKeySucceedsOnce() {
        String token = registerAndLogin();
        int stockBefore = stock(61);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = order(Map.of(61, 2));
        simulatePayments(0, 1.0);
        try {
            assertProblem(client.post("/api/orders", order).token(token).header("Idempotency-Key", key).send(),
                    503, "Nothing was charged");
            assertThat(stock(61)).isEqualTo(stockBefore);
            assertThat(myOrders(token)).isEmpty();
        } finally {
            simulatePayments(0, 0.0);
        }
        Reply retried = client.post("/api/orders", order).token(token).header("Idempotency-Key", key).send();
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(myOrders(token)).hasSize(1);
        assertThat(stock(61)).isEqualTo(stockBefore - 2);
        String userId = decodePart(token, 1).get("sub").asText();
        assertThat(count("select count(*) from payments.payments where payer_id = '" + userId + "'")).isEqualTo(1);
    }

    // ---- bad input: a clear problem, and nothing written ----

    @Test
    void badOrdersAreRefusedClearlyAndWriteNothing() {
        String token = registerAndLogin();
        int stockBefore = stock(71);
        String key = UUID.randomUUID().toString();
        assertProblem(send("/api/orders", "{\"items\": [", token, key), 400, "not valid JSON");
        assertProblem(send("/api/orders", order(Map.of(999999, 1)), token, key), 422, "no product");
        assertProblem(send("/api/orders", order(Map.of(71, 0)), token, key), 400, "quantity");
        assertProblem(send("/api/orders", order(Map.of(71, -3)), token, key), 400, "quantity");
        assertProblem(send("/api/orders", order(Map.of(71, 1_000_000)), token, key), 400, "quantity");
        assertProblem(send("/api/orders", Map.of("items", List.of()), token, key), 400, "items");
        assertProblem(send("/api/orders", "{\"items\":[{\"productId\":71,\"quantity\":\"many\"}]}", token, key),
                400, "JSON");
        assertProblem(send("/api/orders", "{\"items\":[{\"productId\":71,\"quantity\":1}],\"note\":\""
                + "x".repeat(100_000) + "\"}", token, key), 413, "limit");
        assertProblem(client.post("/api/orders", "{\"items\":[{\"productId\":71,\"quantity\":1}],\"note\":\""
                + "x".repeat(100_000) + "\"}").chunked().token(token).header("Idempotency-Key", key).send(), 413,
                "limit");
        assertProblem(client.post("/api/orders", order(Map.of(71, 1))).token(token).send(), 400,
                "Idempotency-Key");
        assertProblem(client.post("/api/orders", order(Map.of(71, 1))).header("Idempotency-Key", key).send(), 401,
                "bearer token");
        assertProblem(send("/api/orders", order(Map.of(71, 1)), "not.a.token", key), 401, "not valid");
        assertProblem(send("/api/orders", order(Map.of(71, 1)), unsignedToken(token), key), 401, "not valid");
        assertProblem(send("/api/orders", order(Map.of(71, 1)), token, "bad key with spaces"), 400,
                "Idempotency-Key");

        assertThat(stock(71)).isEqualTo(stockBefore);
        assertThat(myOrders(token)).isEmpty();
        Reply afterwards = send("/api/orders", order(Map.of(71, 1)), token, key);
        assertThat(afterwards.status()).as("the key is still free after bad requests: " + afterwards).isEqualTo(201);
    }

    @Test
    void readingOrdersAndNotificationsNeedsAToken() {
        assertProblem(client.get("/api/orders").send(), 401, "bearer token");
        assertProblem(client.get("/api/notifications").send(), 401, "bearer token");
        assertProblem(client.get("/api/notifications").token("garbage").send(), 401, "not valid");
    }

    // ---- operations ----

    @Test
    void everyResponseNamesTheReplicaThatServedIt() {
        assertThat(client.get("/api/catalog/products?size=1").send().header("X-Served-By")).isNotBlank();
        assertThat(client.get("/api/orders").send().header("X-Served-By")).isNotBlank();
        assertThat(client.post("/api/sso/login", "{").send().header("X-Served-By")).isNotBlank();
    }

    @Test
    void internalPathsRefuseACallerWithoutTheStacksCredentialAndChangeNothing() {
        Reply allowed = client.get("/internal/payments/simulation").internal().send();
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        JsonNode before = allowed.json();
        for (Reply refused : List.of(
                client.put("/internal/payments/simulation", Map.of("latencyMs", 0, "failureRate", 1.0)).send(),
                client.put("/internal/payments/simulation", Map.of("latencyMs", 0, "failureRate", 1.0))
                        .header(InternalCredential.HEADER, "guessed").send(),
                client.get("/internal/payments/simulation").send(),
                client.post("/internal/payments/charges", Map.of("key", "k", "payerId", UUID.randomUUID(),
                        "amountCents", 100)).send())) {
            assertProblem(refused, 401, "internal credential");
        }
        assertThat(client.get("/internal/payments/simulation").internal().send().json()).isEqualTo(before);
    }

    @Test
    void livenessAndReadinessAreUp() {
        assertThat(client.get("/actuator/health/liveness").send().json().get("status").asText()).isEqualTo("UP");
        assertThat(client.get("/actuator/health/readiness").send().json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void eachModuleDescribesItsApiInOpenApi() {
        for (var module : Map.of("sso", "/api/sso/login", "catalog", "/api/catalog/products",
                "orders", "/api/orders", "notifications", "/api/notifications",
                "payments", "/internal/payments/charges").entrySet()) {
            Reply api = client.get("/v3/api-docs/" + module.getKey()).send();
            assertThat(api.status()).as(module.getKey() + ": " + api).isEqualTo(200);
            assertThat(api.json().get("openapi").asText()).startsWith("3.");
            assertThat(api.json().get("paths").has(module.getValue())).as(module.getKey()).isTrue();
        }
    }

    @Test
    void theStorefrontIsServed() {
        Reply page = client.get("/").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
    }

    // ---- helpers ----

    private Reply send(String path, Object body, String token, String key) {
        return client.post(path, body).token(token).header("Idempotency-Key", key).send();
    }

    private JsonNode placeOrder(String token, Map<Integer, Integer> lines) {
        Reply placed = client.post("/api/orders", order(lines)).token(token)
                .header("Idempotency-Key", UUID.randomUUID().toString()).send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json();
    }

    private JsonNode myOrders(String token) {
        Reply orders = client.get("/api/orders").token(token).send();
        assertThat(orders.status()).as(orders.toString()).isEqualTo(200);
        return orders.json().get("items");
    }

    private static Map<String, Object> order(Map<Integer, Integer> lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        lines.forEach((product, quantity) -> items.add(Map.of("productId", product, "quantity", quantity)));
        return Map.of("items", items);
    }

    private int stock(long productId) {
        return client.get("/api/catalog/products/" + productId).send().json().get("stock").asInt();
    }

    private long price(long productId) {
        return client.get("/api/catalog/products/" + productId).send().json().get("priceCents").asLong();
    }

    private void simulatePayments(int latencyMs, double failureRate) {
        Reply reply = client.put("/internal/payments/simulation",
                Map.of("latencyMs", latencyMs, "failureRate", failureRate)).internal().send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private String registerAndLogin() {
        String email = uniqueEmail();
        register(email);
        Reply login = client.post("/api/sso/login", Map.of("email", email, "password", "s3cret-pass")).send();
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("token").asText();
    }

    private void register(String email) {
        Reply reply = client.post("/api/sso/register", Map.of("email", email, "name", "Shopper",
                "password", "s3cret-pass")).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    private static String uniqueEmail() {
        return "shopper-" + UUID.randomUUID() + "@example.test";
    }

    private static void assertProblem(Reply reply, int status, String detailContains) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).as(reply.toString()).containsIgnoringCase(detailContains);
    }

    private static JsonNode decodePart(String token, int part) {
        try {
            return ShopClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[part]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The token's claims with {@code alg=none} and no signature: must be refused. */
    private static String unsignedToken(String token) {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        return header + "." + token.split("\\.")[1] + ".";
    }

    private long count(String sql) {
        Map<String, String> db = shop.database();
        try (Connection connection = DriverManager.getConnection(db.get("spring.datasource.url"),
                db.get("spring.datasource.username"), db.get("spring.datasource.password"));
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T eventually(Supplier<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Not true within 20 s");
    }
}
