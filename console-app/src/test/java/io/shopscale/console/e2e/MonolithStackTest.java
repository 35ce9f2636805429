package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

import io.shopscale.console.docker.ContainerStatsFeed;
import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.metrics.ContainerUsageSummary;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.nginx.BackendsControl;
import io.shopscale.console.plan.Labels;

/**
 * The replicated monolith on the real Docker engine, with real nginx, HAProxy and PostgreSQL: one stack shared by
 * the tests in order, as a user would go through it (up, scale under load, kill a replica, a poisoned event,
 * restart HAProxy and PostgreSQL under load, restart the console, down and up again).
 */
@Tag("docker")
@Tag("scaling")
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonolithStackTest {

    static final String STACK = "e2e";
    static final int PORT = 18480;
    static final URI BASE = URI.create("http://127.0.0.1:" + PORT + "/");

    private final DockerClient docker = DockerEngines.connect();
    private List<String> tokens;

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
    void upWithOneReplicaServesTheStorefrontAndTheApiThroughNginx() {
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "1");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("http://127.0.0.1:" + PORT + "/").contains("base image for jre");

        HttpResponse<String> page = Shop.get(BASE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
        HttpResponse<String> products = Shop.get(BASE.resolve("/api/catalog/products?size=5"));
        assertThat(products.statusCode()).isEqualTo(200);
        assertThat(products.headers().firstValue("X-Served-By")).hasValueSatisfying(
                replica -> assertThat(replica).startsWith(STACK + "-monolith-"));
        tokens = Shop.shoppers(BASE, 4);
        HttpResponse<String> order = Shop.post(BASE.resolve("/api/orders"),
                "{\"items\":[{\"productId\":5,\"quantity\":1}]}", "Authorization", "Bearer " + tokens.get(0),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        assertThat(Shop.get(BASE.resolve("/internal/payments/simulation")).statusCode())
                .as("internal paths are not published").isEqualTo(404);
        Shop.assertInternalPathsRefuseOutsiders(docker, STACK, STACK + "-monolith-1");

        Shop.Run status = Shop.shopctl("status", "--stack", STACK, "--json");
        assertThat(status.output()).contains("\"url\" : \"http://127.0.0.1:" + PORT + "/\"");

        // PostgreSQL was ready before the replica started, and nginx logged the order after it: in time order,
        // not grouped by container name.
        Shop.Run logs = Shop.shopctl("logs", "--stack", STACK, "--tail", "300");
        assertThat(logs.exitCode()).as(logs.output()).isZero();
        List<String> lines = logs.output().lines().toList();
        int databaseReady = firstLine(lines, STACK + "-postgres | ", "ready to accept connections");
        int replicaStarted = firstLine(lines, STACK + "-monolith-1 | ", "Started ");
        int orderLogged = firstLine(lines, STACK + "-nginx | ", "POST /api/orders");
        assertThat(List.of(databaseReady, replicaStarted, orderLogged)).as(logs.output()).doesNotContain(-1)
                .isSorted();
    }

    private static int firstLine(List<String> lines, String prefix, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix) && lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @Order(2)
    void badInputIsRefusedClearlyAndLeavesTheRunningStackAsItWas() {
        String before = Shop.shopctl("status", "--stack", STACK).output();
        for (String[] bad : new String[][] {{"monolith=0"}, {"monolith=10"}, {"orders=2"}, {"monolith"},
                {"monolith=three"}}) {
            String[] args = new String[bad.length + 3];
            args[0] = "scale";
            args[1] = "--stack";
            args[2] = STACK;
            System.arraycopy(bad, 0, args, 3, bad.length);
            Shop.Run run = Shop.shopctl(args);
            assertThat(run.exitCode()).as(run.output()).isNotZero();
            assertThat(run.output()).doesNotContain("\tat ");
        }
        assertThat(Shop.shopctl("status", "--stack", STACK).output()).isEqualTo(before);
        assertThat(Shop.get(BASE.resolve("/api/catalog/products?size=1")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void scalingOneThreeOneThreeUnderLoadFailsNoRequest() {
        ContainerUsageSummary usage = new ContainerUsageSummary();
        try (MetricsHub hub = new MetricsHub().startTicking();
                ContainerStatsFeed stats = ContainerStatsFeed.start(docker, STACK, hub);
                SteadyTraffic traffic = new SteadyTraffic(BASE, tokens, 120, 0.15)) {
            hub.subscribe(usage);
            Shop.sleep(Duration.ofSeconds(3));
            Instant scaleStarted = Instant.now();
            assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=3").exitCode()).isZero();
            long scaleMillis = Duration.between(scaleStarted, Instant.now()).toMillis();
            Shop.sleep(Duration.ofSeconds(3));
            System.out.printf("scale 1->3 took %d ms; from the scale command to each new replica's first answer: "
                    + "%s%n", scaleMillis, traffic.firstAnswer.entrySet().stream()
                            .filter(e -> e.getValue().isAfter(scaleStarted))
                            .map(e -> e.getKey() + " " + Duration.between(scaleStarted, e.getValue()).toMillis()
                                    + " ms").sorted().toList());
            assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=1").exitCode()).isZero();
            Shop.sleep(Duration.ofSeconds(3));
            assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=3").exitCode()).isZero();
            // A replica that just joined takes a growing share over nginx's slow start; the shares are compared once
            // every replica takes its full one.
            Shop.sleep(BackendsControl.SLOW_START);
            traffic.resetServedBy();
            Shop.sleep(Duration.ofSeconds(8));

            long total = traffic.total();
            Map<String, Long> shares = traffic.shares();
            System.out.printf("scaling test: %d requests, %d failed, %d resent on a closed keep-alive connection, "
                    + "slowest read %d ms; served by %s%n", total, traffic.failed(), traffic.resent.get(),
                    traffic.slowestReadMillis.get(), shares);
            System.out.println("containers under this load (docker stats):\n" + usage.toText());
            assertThat(traffic.failures).as("failed requests").isEmpty();
            assertThat(total).isGreaterThan(3_000);
            assertThat(shares).hasSize(3);
            long last = shares.values().stream().mapToLong(Long::longValue).sum();
            shares.values().forEach(count -> assertThat(count).isGreaterThan(last / 6));
        }
    }

    @Test
    @Order(4)
    void aKilledReplicaUnderLoadFailsNoReadLosesNoOrderAndIsReplaced() {
        try (SteadyTraffic traffic = new SteadyTraffic(BASE, tokens, 100, 0.3)) {
            Shop.sleep(Duration.ofSeconds(3));
            String victim = appContainers().get(1).getNames()[0].substring(1);
            docker.killContainerCmd(victim).exec();
            Shop.sleep(Duration.ofSeconds(6));
            Shop.Run heal = Shop.shopctl("heal", "--stack", STACK);
            assertThat(heal.exitCode()).as(heal.output()).isZero();
            assertThat(heal.output()).contains("exited");
            traffic.resetServedBy();
            Shop.sleep(Duration.ofSeconds(6));
            Map<String, Long> shares = traffic.shares();
            assertThat(shares).hasSize(3).doesNotContainKey(victim);
            traffic.close();

            System.out.printf("kill test: %d reads (%d failed), %d order attempts (%d failed and retried)%n",
                    traffic.reads.get(), traffic.readFailures.get(), traffic.orderAttempts.get(),
                    traffic.orderFailures.get());
            assertThat(traffic.readFailures.get()).as("failed reads: " + traffic.failures).isZero();
            assertThat(traffic.orders.values()).as("orders lost after retries: " + traffic.failures)
                    .doesNotContain("lost");
            Set<String> orderIds = Set.copyOf(traffic.orders.values());
            assertThat(orderIds).as("one order per key").hasSize(traffic.orders.size());
        }
        assertThat(appContainers()).hasSize(3).allSatisfy(container ->
                assertThat(container.getState()).isEqualTo("running"));
    }

    @Test
    @Order(5)
    void aPoisonedOutboxEventIsParkedAndTheNextHundredOrdersEachGetTheirNotification() {
        sql("insert into orders.outbox (event_id, event_type, payload)"
                + " values (gen_random_uuid(), 'OrderPlaced', '{\"eventId\":\"not-a-uuid\"}')");
        String token = Shop.shopper(BASE, null);
        Instant placed = Instant.now();
        placeOrder(token);
        awaitNotifications(token, 1);
        Duration firstDelay = Duration.between(placed, Instant.now());
        for (int i = 1; i < 100; i++) {
            placeOrder(token);
        }
        Instant lastPlaced = Instant.now();
        awaitNotifications(token, 100);
        Duration lastDelay = Duration.between(lastPlaced, Instant.now());
        System.out.printf("behind a poisoned event: the first order's notification came %d ms after it was placed;"
                + " all 100 within %d ms of the last order%n", firstDelay.toMillis(), lastDelay.toMillis());
        assertThat(firstDelay).isLessThan(Duration.ofSeconds(3));

        Shop.sleep(Duration.ofSeconds(2));
        assertThat(sql("select attempts || ' ' || (parked_at is not null) || ' ' || last_error from orders.outbox"
                + " where published_at is null")).startsWith("3 true Unreadable payload").contains("not-a-uuid");
        assertThat(Shop.shopctl("status", "--stack", STACK).output()).contains("Parked order events: 1 ");
        assertThat(Shop.shopctl("status", "--stack", STACK, "--json").output()).contains("\"parkedEvents\" : 1");
    }

    @Test
    @Order(6)
    void restartingHaproxyOrPostgresUnderLoadTakesAboutASecondFailsCleanlyAndRecoversByItself() {
        try (SteadyTraffic traffic = new SteadyTraffic(BASE, tokens, 40, 0.1)) {
            Shop.sleep(Duration.ofSeconds(3));
            assertThat(traffic.failed()).as("failures before any restart: " + traffic.failures).isZero();

            Instant started = Instant.now();
            docker.restartContainerCmd(STACK + "-haproxy").exec();
            Duration haproxyRestart = Duration.between(started, Instant.now());
            List<String> haproxyFailures = failuresUntilRecovered(traffic, 0);

            started = Instant.now();
            docker.restartContainerCmd(STACK + "-postgres").exec();
            Duration postgresRestart = Duration.between(started, Instant.now());
            List<String> postgresFailures = failuresUntilRecovered(traffic, haproxyFailures.size());
            traffic.close();

            System.out.printf("HAProxy restart %d ms: %d failed requests %s%nPostgreSQL restart %d ms: %d failed "
                    + "requests %s%n(of %d requests in all)%n", haproxyRestart.toMillis(), haproxyFailures.size(),
                    haproxyFailures, postgresRestart.toMillis(), postgresFailures.size(), postgresFailures,
                    traffic.total());
            assertThat(haproxyRestart).as("HAProxy's restart").isLessThan(Duration.ofSeconds(3));
            assertThat(postgresRestart).as("PostgreSQL's restart").isLessThan(Duration.ofSeconds(5));
            // While HAProxy is away each replica answers 503, and nginx then rests each replica for 5 s
            // (max_fails): clean answers that say to retry, but more of them than the restart itself explains.
            assertThat(haproxyFailures).as(() -> "only clean 502/503 problem details; the replicas logged:"
                    + Shop.failuresLogged(docker, STACK)).allSatisfy(failure ->
                    assertThat(failure).matches("(read|order attempt \\d+): 50[23] application/problem\\+json\\S* .*"));
            assertThat(postgresFailures).as(() -> "only clean 503 problem details, a few; the replicas logged:"
                    + Shop.failuresLogged(docker, STACK)).hasSizeLessThanOrEqualTo(10)
                    .allSatisfy(failure -> assertThat(failure)
                            .matches("(read|order attempt \\d+): 503 application/problem\\+json\\S* .*"));
            assertThat(Set.copyOf(traffic.orders.values())).as("one order per key").hasSize(traffic.orders.size());
        }
        assertThat(Shop.get(BASE.resolve("/api/catalog/products?size=1")).statusCode()).isEqualTo(200);
    }

    /**
     * Waits until the traffic has gone 3 s without a new failure (at most 30 s) and returns the failures since the
     * first {@code before}: what one restart cost.
     */
    private static List<String> failuresUntilRecovered(SteadyTraffic traffic, int before) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            Shop.sleep(Duration.ofSeconds(3));
            long now = traffic.failures.size();
            if (now == seen) {
                return List.copyOf(traffic.failures).subList(before, (int) now);
            }
            seen = now;
        }
        throw new AssertionError("the shop did not recover within 30 s: " + traffic.failures);
    }

    private void placeOrder(String token) {
        HttpResponse<String> order = Shop.post(BASE.resolve("/api/orders"),
                "{\"items\":[{\"productId\":11,\"quantity\":1}]}", "Authorization", "Bearer " + token,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
    }

    private static void awaitNotifications(String token, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = Shop.send(java.net.http.HttpRequest.newBuilder(BASE.resolve("/api/notifications"))
                    .header("Authorization", "Bearer " + token).build()).body();
            if (body.split("\"orderId\"", -1).length - 1 >= count) {
                return;
            }
            Shop.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("fewer than " + count + " notifications within 30 s: " + body);
    }

    private String sql(String statement) {
        var result = new io.shopscale.console.docker.DockerStack(docker, STACK).exec(STACK + "-postgres",
                List.of("psql", "-X", "-q", "-t", "-A", "-U", "shop", "-d", "shop", "-c", statement));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().strip();
    }

    @Test
    @Order(7)
    void aRestartedConsoleFindsTheStackAndScalesIt() {
        // Every shopctl call is a new engine with a new Docker client: nothing is remembered between them.
        Shop.Run status = Shop.shopctl("status", "--stack", STACK);
        assertThat(status.output()).contains("monolith mode").contains("http://127.0.0.1:" + PORT + "/");
        assertThat(status.output().lines().filter(line -> line.startsWith(STACK + "-monolith-"))).hasSize(3);
        assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=2").exitCode()).isZero();
        assertThat(appContainers()).hasSize(2);
        Shop.Run config = Shop.shopctl("nginx-config", "--stack", STACK);
        assertThat(config.output()).contains("upstream monolith").contains("keepalive");
        // The replicas are not in the file: nginx's balancer holds them, and the command shows them after it.
        assertThat(config.output().lines().filter(line -> line.matches("#   monolith  replica \\d+  172\\..*")))
                .as(config.output()).hasSize(2);
    }

    @Test
    @Order(8)
    void downRemovesEveryContainerAndKeepsTheOrdersForTheNextUp() {
        String email = "keeper-" + UUID.randomUUID() + "@example.test";
        String token = Shop.shopper(BASE, email);
        HttpResponse<String> order = Shop.post(BASE.resolve("/api/orders"),
                "{\"items\":[{\"productId\":9,\"quantity\":2}]}", "Authorization", "Bearer " + token,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.statusCode()).isEqualTo(201);

        assertThat(Shop.shopctl("down", "--stack", STACK).exitCode()).isZero();
        assertThat(stackContainers()).isEmpty();

        assertThat(Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT)).exitCode()).isZero();
        String again = Shop.shopper(BASE, email);
        HttpResponse<String> orders = Shop.send(java.net.http.HttpRequest.newBuilder(BASE.resolve("/api/orders"))
                .header("Authorization", "Bearer " + again).build());
        assertThat(orders.statusCode()).isEqualTo(200);
        assertThat(orders.body()).contains(order.body().replaceAll("(?s).*(\"id\":\\d+).*", "$1"));

        assertThat(Shop.shopctl("down", "--stack", STACK, "--volumes").exitCode()).isZero();
        assertThat(stackContainers()).isEmpty();
        assertThat(docker.listVolumesCmd().withFilter("label", List.of(Labels.STACK + "=" + STACK)).exec()
                .getVolumes()).isNullOrEmpty();
    }

    private List<Container> stackContainers() {
        return Shop.stackContainers(docker, STACK);
    }

    private List<Container> appContainers() {
        return Shop.appContainers(docker, STACK);
    }
}
