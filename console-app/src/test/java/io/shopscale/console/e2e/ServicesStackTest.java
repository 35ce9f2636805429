package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.docker.ExecResult;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.topology.Mode;

/**
 * The microservices mode on the real Docker engine: five services behind the nginx gateway, each scaled on its own
 * under load, replicas killed, payments down, and the mode switched both ways with the data kept. One stack, shared
 * by the tests in order.
 */
@Tag("docker")
@Tag("scaling")
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesStackTest {

    static final String STACK = "e2e-svc";
    static final int PORT = 18484;
    static final URI BASE = URI.create("http://127.0.0.1:" + PORT + "/");
    static final List<String> SERVICES = Mode.SERVICES.services();
    static final int RATE = 40;

    private final DockerClient docker = DockerEngines.connect();
    private List<String> tokens;
    /** A shopper outside the load, whose orders and notifications must survive every mode switch. */
    private Keeper keeper;

    record Keeper(String email, String token, Set<String> orderIds) {
    }

    @BeforeAll
    void removeLeftovers() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
    }

    @AfterAll
    void removeStack() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
    }

    @Test
    @Order(1)
    void eachServiceRunsInItsOwnContainerBehindTheGateway() {
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--mode", "services", "--port", Integer.toString(PORT));
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("grant postgres").contains("http://127.0.0.1:" + PORT + "/");
        assertThat(appContainers()).extracting(c -> c.getLabels().get(Labels.SERVICE))
                .containsExactlyInAnyOrderElementsOf(SERVICES);

        assertThat(Shop.get(BASE).body()).contains("<html");
        assertServedBy(Shop.get(BASE.resolve("/api/catalog/products?size=5")), "catalog");
        tokens = Shop.shoppers(BASE, 4);
        String email = "keeper-" + UUID.randomUUID() + "@example.test";
        String token = Shop.shopper(BASE, email);
        HttpResponse<String> order = placeOrder(token, UUID.randomUUID().toString(), 7);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertServedBy(order, "orders");
        keeper = new Keeper(email, token, Set.of(orderId(order)));
        HttpResponse<String> notifications = eventually(() -> {
            HttpResponse<String> reply = authorizedGet("/api/notifications", token);
            return reply.body().contains(orderId(order)) ? reply : null;
        });
        assertServedBy(notifications, "notifications");
        assertServedBy(Shop.post(BASE.resolve("/api/sso/login"), "{\"email\":\"" + email
                + "\",\"password\":\"s3cret-pass\"}"), "sso");
        assertThat(Shop.get(BASE.resolve("/internal/payments/simulation")).statusCode())
                .as("internal paths are not published").isEqualTo(404);
        Shop.assertInternalPathsRefuseOutsiders(docker, STACK, STACK + "-payments-1");
    }

    @Test
    @Order(2)
    void eachServiceLogsInAsItsOwnUserWhichReachesOnlyItsOwnSchema() {
        assertThat(sql("shop", "SELECT DISTINCT usename FROM pg_stat_activity WHERE usename LIKE 'shop\\_%'")
                .lines().toList()).containsExactlyInAnyOrder("shop_sso", "shop_catalog", "shop_orders",
                        "shop_payments", "shop_notifications");
        for (String service : SERVICES) {
            String user = "shop_" + service;
            assertThat(sqlResult(user, "SELECT count(*) FROM " + service + ".flyway_schema_history").exitCode())
                    .as(user + " reads its own schema").isZero();
            for (String other : SERVICES) {
                if (!other.equals(service)) {
                    ExecResult denied = sqlResult(user, "SELECT count(*) FROM " + other + ".flyway_schema_history");
                    assertThat(denied.exitCode()).as(user + " must not read schema " + other).isNotZero();
                    assertThat(denied.output()).contains("permission denied for schema " + other);
                }
            }
        }
    }

    @Test
    @Order(3)
    void scalingEachServiceOnItsOwnUnderLoadFailsNoRequest() {
        try (SteadyTraffic traffic = SteadyTraffic.everyService(BASE, tokens, RATE, 0.1)) {
            Shop.sleep(Duration.ofSeconds(3));
            for (String service : SERVICES) {
                Instant started = Instant.now();
                Shop.Run scale = Shop.shopctl("scale", "--stack", STACK, service + "=2");
                assertThat(scale.exitCode()).as(scale.output()).isZero();
                System.out.printf("scale %s 1->2 took %d ms%n", service,
                        Duration.between(started, Instant.now()).toMillis());
            }
            traffic.resetServedBy();
            Shop.sleep(Duration.ofSeconds(10));
            Map<String, Long> shares = traffic.shares();
            System.out.printf("services scaling test: %d requests, %d failed, %d resent on a closed keep-alive "
                    + "connection, slowest read %d ms; served by %s%n", traffic.total(), traffic.failed(),
                    traffic.resent.get(), traffic.slowestReadMillis.get(), shares);
            assertThat(traffic.failures).as("failed requests").isEmpty();
            for (String service : List.of("sso", "catalog", "orders", "notifications")) {
                assertThat(shares).as("both replicas of " + service + " take traffic")
                        .containsKeys(STACK + "-" + service + "-1", STACK + "-" + service + "-2");
            }
            assertThat(traffic.orders.values()).doesNotContain("lost");
        }
        assertThat(appContainers()).hasSize(2 * SERVICES.size());
    }

    @Test
    @Order(4)
    void killingAReplicaOfOrdersAndOfPaymentsUnderLoadLosesNoOrder() {
        try (SteadyTraffic traffic = SteadyTraffic.everyService(BASE, tokens, RATE, 0.3)) {
            Shop.sleep(Duration.ofSeconds(3));
            docker.killContainerCmd(STACK + "-payments-2").exec();
            Shop.sleep(Duration.ofSeconds(3));
            docker.killContainerCmd(STACK + "-orders-2").exec();
            Shop.sleep(Duration.ofSeconds(6));
            Shop.Run heal = Shop.shopctl("heal", "--stack", STACK);
            assertThat(heal.exitCode()).as(heal.output()).isZero();
            Shop.Run down = Shop.shopctl("scale", "--stack", STACK, "sso=1", "catalog=1", "orders=1", "payments=1",
                    "notifications=1");
            assertThat(down.exitCode()).as(down.output()).isZero();
            Shop.sleep(Duration.ofSeconds(3));
            traffic.close();

            System.out.printf("services kill test: %d reads (%d failed), %d order attempts (%d failed and "
                    + "retried)%n", traffic.reads.get(), traffic.readFailures.get(), traffic.orderAttempts.get(),
                    traffic.orderFailures.get());
            assertThat(traffic.readFailures.get()).as("failed reads: " + traffic.failures).isZero();
            assertThat(traffic.orders.values()).as("orders lost after retries: " + traffic.failures)
                    .doesNotContain("lost");
            assertThat(Set.copyOf(traffic.orders.values())).as("one order per key").hasSize(traffic.orders.size());
            // Matched here rather than in an IN list: thousands of keys exceed what one exec argument may hold.
            List<String> stored = sql("shop", "SELECT idempotency_key FROM orders.orders").lines()
                    .filter(traffic.orders::containsKey).toList();
            assertThat(stored).as("orders stored for the keys placed").doesNotHaveDuplicates()
                    .hasSize(traffic.orders.size());
        }
        assertThat(appContainers()).hasSize(SERVICES.size()).allSatisfy(container ->
                assertThat(container.getState()).isEqualTo("running"));
    }

    @Test
    @Order(5)
    void withEveryPaymentsReplicaDownAnOrderFailsClearlyAndARetrySucceedsOnce() {
        String token = Shop.shopper(BASE, null);
        String user = subject(token);
        int stockBefore = stock(61);
        String key = UUID.randomUUID().toString();
        appContainers().stream().filter(c -> "payments".equals(c.getLabels().get(Labels.SERVICE)))
                .forEach(c -> docker.killContainerCmd(c.getId()).exec());

        HttpResponse<String> refused = placeOrder(token, key, 61);
        System.out.println("with payments down: " + refused.statusCode() + " " + refused.body());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":503").contains("not placed because payments could not take the charge");
        assertThat(authorizedGet("/api/orders", token).body()).doesNotContain("\"id\"");
        assertThat(count("SELECT count(*) FROM orders.orders WHERE user_id = '" + user + "'")).isZero();
        assertThat(count("SELECT count(*) FROM payments.payments WHERE payer_id = '" + user + "'")).isZero();
        assertThat(stock(61)).as("the stock was released").isEqualTo(stockBefore);

        Shop.Run heal = Shop.shopctl("heal", "--stack", STACK);
        assertThat(heal.exitCode()).as(heal.output()).isZero();
        HttpResponse<String> placed = placeOrder(token, key, 61);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        HttpResponse<String> again = placeOrder(token, key, 61);
        assertThat(orderId(again)).isEqualTo(orderId(placed));
        assertThat(count("SELECT count(*) FROM orders.orders WHERE user_id = '" + user + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payments.payments WHERE payer_id = '" + user + "'")).isEqualTo(1);
        assertThat(stock(61)).isEqualTo(stockBefore - 1);
    }

    @Test
    @Order(6)
    void switchingToTheMonolithUnderLoadKeepsUsersOrdersAndNotifications() {
        switchMode("monolith");
        assertThat(appContainers()).extracting(c -> c.getLabels().get(Labels.SERVICE)).containsExactly("monolith");
    }

    @Test
    @Order(7)
    void switchingBackToServicesUnderLoadKeepsUsersOrdersAndNotifications() {
        switchMode("services");
        assertThat(appContainers()).extracting(c -> c.getLabels().get(Labels.SERVICE))
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(sql("shop", "SELECT DISTINCT usename FROM pg_stat_activity WHERE usename LIKE 'shop\\_%'")
                .lines().count()).isEqualTo(SERVICES.size());
    }

    private void switchMode(String mode) {
        try (SteadyTraffic traffic = SteadyTraffic.everyService(BASE, tokens, RATE, 0.1)) {
            Shop.sleep(Duration.ofSeconds(3));
            Instant started = Instant.now();
            Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--mode", mode, "--port", Integer.toString(PORT));
            assertThat(up.exitCode()).as(up.output()).isZero();
            long took = Duration.between(started, Instant.now()).toMillis();
            traffic.resetServedBy();
            Shop.sleep(Duration.ofSeconds(5));
            traffic.close();
            System.out.printf("switch to %s took %d ms: %d requests, %d failed, %d resent on a closed keep-alive "
                    + "connection, slowest read %d ms; served by %s afterwards%n", mode, took, traffic.total(),
                    traffic.failed(), traffic.resent.get(), traffic.slowestReadMillis.get(),
                    traffic.shares());
            assertThat(traffic.failures).as("failed requests").isEmpty();
            assertThat(traffic.orders.values()).doesNotContain("lost");
        }
        String token = Shop.shopper(BASE, keeper.email());
        HttpResponse<String> orders = authorizedGet("/api/orders", token);
        keeper.orderIds().forEach(id -> assertThat(orders.body()).contains("\"id\":" + id));
        HttpResponse<String> notifications = authorizedGet("/api/notifications", token);
        keeper.orderIds().forEach(id -> assertThat(notifications.body()).contains(id));
        HttpResponse<String> placed = placeOrder(token, UUID.randomUUID().toString(), 8);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        Set<String> ids = new java.util.HashSet<>(keeper.orderIds());
        ids.add(orderId(placed));
        keeper = new Keeper(keeper.email(), token, Set.copyOf(ids));
        eventually(() -> authorizedGet("/api/notifications", token).body().contains(orderId(placed)) ? true : null);
    }

    private static void assertServedBy(HttpResponse<String> response, String service) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        assertThat(response.headers().firstValue("X-Served-By")).hasValueSatisfying(
                replica -> assertThat(replica).startsWith(STACK + "-" + service + "-"));
    }

    private static HttpResponse<String> placeOrder(String token, String key, int product) {
        return Shop.post(BASE.resolve("/api/orders"), "{\"items\":[{\"productId\":" + product + ",\"quantity\":1}]}",
                "Authorization", "Bearer " + token, "Idempotency-Key", key);
    }

    private static HttpResponse<String> authorizedGet(String path, String token) {
        HttpResponse<String> reply = Shop.send(HttpRequest.newBuilder(BASE.resolve(path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token).build());
        assertThat(reply.statusCode()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply;
    }

    private static String orderId(HttpResponse<String> order) {
        return order.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
    }

    private static int stock(int product) {
        return Integer.parseInt(Shop.get(BASE.resolve("/api/catalog/products/" + product)).body()
                .replaceAll("(?s).*\"stock\":(\\d+).*", "$1"));
    }

    /** The shopper's id: the token's subject. */
    private static String subject(String token) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return claims.replaceAll("(?s).*\"sub\":\"([^\"]+)\".*", "$1");
    }

    private static <T> T eventually(Supplier<T> check) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            Shop.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("not within 30 s");
    }

    private long count(String query) {
        return Long.parseLong(sql("shop", query).strip());
    }

    private String sql(String user, String query) {
        ExecResult result = sqlResult(user, query);
        assertThat(result.exitCode()).as(query + ": " + result.output()).isZero();
        return result.output();
    }

    /** psql in the stack's database container, over its local socket. */
    private ExecResult sqlResult(String user, String query) {
        return new DockerStack(docker, STACK).exec(STACK + "-postgres",
                List.of("psql", "-X", "-q", "-tA", "-U", user, "-d", "shop", "-c", query));
    }

    private List<Container> appContainers() {
        return Shop.appContainers(docker, STACK);
    }
}
