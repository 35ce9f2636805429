package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;

import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.faults.FaultsViewModel;
import io.shopscale.console.window.stack.StackViewModel;

/**
 * Faults on a real stack, switched with {@code shopctl fault} as an instructor would: payment failures and latency
 * as the shop's orders feel them, a frozen replica that the monitor's routing guard takes out of nginx (and that
 * logs its pause once thawed), a slow replica's CPU limit, a frozen database, and faults that outlive {@code down}
 * and {@code up}; the window's Faults panel on the same engine shows what {@code shopctl} set and clears it. One
 * stack, in order.
 */
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    static final String STACK = "e2e-fault";
    static final int PORT = 18530;
    private static final URI BASE = URI.create("http://127.0.0.1:" + PORT);
    private static final Path HOME = Path.of(System.getProperty("user.home"), ".shopscale");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private final DockerClient docker = DockerEngines.connect();
    private final StackEngine engine = StackEngine.onLocalDocker(HOME, "FaultsTest", true);
    private String token;

    @BeforeAll
    void upWithTwoReplicas() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "2");
        assertThat(up.exitCode()).as(up.output()).isZero();
        token = Shop.shopper(BASE, null);
    }

    @AfterAll
    void down() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
    }

    @Test
    @Order(1)
    void aFullPaymentFailureRateFailsOrdersWithAClearErrorAndClearingItRestoresThem() {
        Shop.Run bad = Shop.shopctl("fault", "set", "--stack", STACK, "failure", "payments", "150%");
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(2);
        assertThat(bad.output()).contains("a payments failure rate is above 0% and at most 100%");

        Shop.Run set = Shop.shopctl("fault", "set", "--stack", STACK, "failure", "payments", "100%");
        assertThat(set.exitCode()).as(set.output()).isZero();
        assertThat(set.output()).contains("fault on: failure payments 100%");
        assertThat(Shop.shopctl("status", "--stack", STACK).output())
                .contains("Faults in force: failure payments 100%");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> order = order();
            System.out.println("order with failure payments 100%: " + order.statusCode() + " " + order.body());
            assertThat(order.statusCode()).as(order.body()).isEqualTo(503);
            assertThat(order.body()).containsIgnoringCase("payment");
        }

        MetricsHub hub = new MetricsHub();
        StackViewModel window = new StackViewModel(engine, Background.sameThread(), hub, StackName.of(STACK), PORT);
        FaultsViewModel panel = new FaultsViewModel(engine, Background.sameThread(), hub, window);
        window.refresh();
        panel.shownProperty().set(true);
        assertThat(panel.inForce()).as("the Faults panel shows the fault set with shopctl")
                .containsExactly("failure payments 100%");

        panel.clear("failure payments 100%");

        assertThat(panel.problemProperty().get()).isEmpty();
        assertThat(panel.inForce()).isEmpty();
        assertThat(hub.events()).filteredOn(event -> event.kind() == EventKind.FAULT).extracting(Event::text)
                .containsExactly("off: failure payments 100%");
        Shop.Run list = Shop.shopctl("fault", "list", "--stack", STACK);
        assertThat(list.output()).contains("No faults in force.");
        HttpResponse<String> order = order();
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void paymentsLatencyShowsInOrderLatency() {
        Shop.Run cleared = Shop.shopctl("fault", "clear", "--stack", STACK, "latency", "payments");
        assertThat(cleared.exitCode()).as("clearing a fault that is not in force").isEqualTo(1);
        assertThat(cleared.output()).contains("no fault latency payments is in force");

        long before = median(5);
        Shop.Run set = Shop.shopctl("fault", "set", "--stack", STACK, "latency", "payments", "1500ms");
        assertThat(set.exitCode()).as(set.output()).isZero();
        long during = median(5);
        assertThat(Shop.shopctl("fault", "clear", "--stack", STACK, "--all").exitCode()).isZero();
        long after = median(5);

        System.out.printf("order latency (median of 5): %d ms before, %d ms with latency payments 1500ms, %d ms "
                + "after clearing%n", before, during, after);
        assertThat(during).isGreaterThanOrEqualTo(1500).isGreaterThan(before + 1000);
        assertThat(after).isLessThan(during - 1000);
    }

    @Test
    @Order(3)
    void aFrozenReplicaLeavesNginxThroughTheRoutingGuardAndReturnsWhenThawed() {
        MetricsHub hub = new MetricsHub();
        try (Subscription monitor = engine.monitor(StackName.of(STACK), hub)) {
            Shop.Run set = Shop.shopctl("fault", "set", "--stack", STACK, "timeout", "monolith:2");
            assertThat(set.exitCode()).as(set.output()).isZero();
            Instant frozenAt = Instant.now();
            assertThat(inspect(STACK + "-monolith-2").getState().getPaused()).as("docker pause").isTrue();
            awaitTrue(Duration.ofSeconds(30), "the routing guard takes monolith:2 out of nginx",
                    () -> !routed(STACK + "-monolith-2"));
            Duration out = Duration.between(frozenAt, Instant.now());
            Map<String, Integer> servedBy = servedBy(20);
            System.out.println("frozen replica: out of nginx after " + out.toMillis() + " ms; then served by "
                    + servedBy);
            assertThat(servedBy).containsOnlyKeys(STACK + "-monolith-1");

            Shop.Run clear = Shop.shopctl("fault", "clear", "--stack", STACK, "timeout", "monolith:2");
            assertThat(clear.exitCode()).as(clear.output()).isZero();
            Instant thawedAt = Instant.now();
            assertThat(inspect(STACK + "-monolith-2").getState().getPaused()).isFalse();
            awaitTrue(Duration.ofSeconds(30), "the routing guard puts monolith:2 back",
                    () -> routed(STACK + "-monolith-2"));
            System.out.println("thawed replica: routed again after "
                    + Duration.between(thawedAt, Instant.now()).toMillis() + " ms");
            String pauseLogged = Shop.failuresLogged(docker, STACK).lines()
                    .filter(line -> line.startsWith("/" + STACK + "-monolith-2: ") && line.contains("paused for"))
                    .findFirst().orElse("(none)");
            System.out.println("thawed replica's log: " + pauseLogged);
            assertThat(pauseLogged).as("the replica says it stopped while frozen, and why")
                    .containsPattern("This replica paused for \\d{4,} ms: its host gave it no CPU \\(other processes"
                            + " took the CPUs, or the container was frozen\\)");
            assertThat(out).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(servedBy(40)).containsOnlyKeys(STACK + "-monolith-1", STACK + "-monolith-2");
    }

    @Test
    @Order(4)
    void aSlowReplicaGetsALowerCpuLimitAndClearingGivesItsOwnBack() {
        assertThat(nanoCpus(STACK + "-monolith-1")).as("the stack's own limit, 1 CPU").isEqualTo(1_000_000_000L);

        Shop.Run set = Shop.shopctl("fault", "set", "--stack", STACK, "slow", "monolith:1", "0.1");
        assertThat(set.exitCode()).as(set.output()).isZero();
        assertThat(nanoCpus(STACK + "-monolith-1")).isEqualTo(100_000_000L);
        assertThat(nanoCpus(STACK + "-monolith-2")).isEqualTo(1_000_000_000L);

        assertThat(Shop.shopctl("fault", "clear", "--stack", STACK, "slow", "monolith:1").exitCode()).isZero();
        assertThat(nanoCpus(STACK + "-monolith-1")).isEqualTo(1_000_000_000L);
    }

    @Test
    @Order(5)
    void aFrozenDatabaseHoldsEveryQueryUntilItIsThawed() {
        Shop.Run set = Shop.shopctl("fault", "set", "--stack", STACK, "timeout", "database");
        assertThat(set.exitCode()).as(set.output()).isZero();
        assertThat(inspect(STACK + "-postgres").getState().getPaused()).as("docker pause").isTrue();
        String frozenRead = read(Duration.ofSeconds(3));
        System.out.println("a product search with the database frozen: " + frozenRead);
        assertThat(frozenRead).as("no answer from the database").doesNotStartWith("200");

        assertThat(Shop.shopctl("fault", "clear", "--stack", STACK, "timeout", "database").exitCode()).isZero();
        assertThat(inspect(STACK + "-postgres").getState().getPaused()).isFalse();
        Instant thawedAt = Instant.now();
        awaitTrue(Duration.ofSeconds(30), "the shop reads again", () -> read(Duration.ofSeconds(3))
                .startsWith("200"));
        System.out.println("thawed database: the shop answered again after "
                + Duration.between(thawedAt, Instant.now()).toMillis() + " ms");
        assertThat(order().statusCode()).isEqualTo(201);
    }

    @Test
    @Order(6)
    void faultsInForceOutliveDownAndUpAndAreShownAndAppliedAgain() {
        assertThat(Shop.shopctl("fault", "set", "--stack", STACK, "failure", "payments", "100%").exitCode())
                .isZero();
        assertThat(Shop.shopctl("fault", "set", "--stack", STACK, "slow", "monolith:1", "0.5").exitCode())
                .isZero();

        assertThat(Shop.shopctl("down", "--stack", STACK).exitCode()).isZero();
        assertThat(Shop.shopctl("status", "--stack", STACK).output()).contains("is not running")
                .contains("Faults kept for its next start: failure payments 100%, slow monolith:1 0.5");
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "2");
        assertThat(up.exitCode()).as(up.output()).isZero();

        assertThat(up.output()).contains("fault on: failure payments 100% (kept with the stack, applied again")
                .contains("fault on: slow monolith:1 0.5 (kept with the stack");
        Shop.Run list = Shop.shopctl("fault", "list", "--stack", STACK);
        assertThat(list.output()).contains("failure payments 100%").contains("slow monolith:1 0.5");
        assertThat(nanoCpus(STACK + "-monolith-1")).isEqualTo(500_000_000L);
        HttpResponse<String> failing = order();
        assertThat(failing.statusCode()).as(failing.body()).isEqualTo(503);

        Shop.Run clear = Shop.shopctl("fault", "clear", "--stack", STACK, "--all");
        assertThat(clear.exitCode()).as(clear.output()).isZero();
        assertThat(clear.output()).contains("No faults in force.");
        assertThat(order().statusCode()).isEqualTo(201);
        assertThat(nanoCpus(STACK + "-monolith-1")).isEqualTo(1_000_000_000L);
    }

    @Test
    @Order(7)
    void inServicesModeThePaymentFaultsReachThePaymentsServiceAndSurviveTheSwitch() {
        assertThat(Shop.shopctl("fault", "set", "--stack", STACK, "failure", "payments", "100%").exitCode())
                .isZero();

        Shop.Run services = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--mode",
                "services", "--replicas", "1");
        assertThat(services.exitCode()).as(services.output()).isZero();

        assertThat(services.output()).contains("fault on: failure payments 100% (kept with the stack");
        HttpResponse<String> failing = order();
        System.out.println("services mode, order with failure payments 100%: " + failing.statusCode() + " "
                + failing.body());
        assertThat(failing.statusCode()).as(failing.body()).isEqualTo(503);
        assertThat(Shop.shopctl("fault", "clear", "--stack", STACK, "failure", "payments").exitCode()).isZero();
        long before = median(5);
        assertThat(Shop.shopctl("fault", "set", "--stack", STACK, "latency", "payments", "1500ms").exitCode())
                .isZero();
        long during = median(5);
        assertThat(Shop.shopctl("fault", "clear", "--stack", STACK, "--all").exitCode()).isZero();
        System.out.printf("services mode, order latency (median of 5): %d ms before, %d ms with latency payments "
                + "1500ms%n", before, during);
        assertThat(during).isGreaterThanOrEqualTo(1500).isGreaterThan(before + 1000);
    }

    private HttpResponse<String> order() {
        return Shop.post(BASE.resolve("/api/orders"), "{\"items\":[{\"productId\":2,\"quantity\":1}]}",
                "Authorization", "Bearer " + token, "Idempotency-Key", UUID.randomUUID().toString());
    }

    /** The median time of {@code count} orders, each of which must be placed. */
    private long median(int count) {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            Instant start = Instant.now();
            HttpResponse<String> order = order();
            millis[i] = Duration.between(start, Instant.now()).toMillis();
            assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        }
        java.util.Arrays.sort(millis);
        return millis[count / 2];
    }

    /** A product read: its status and the start of its body, or why none came within {@code timeout}. */
    private static String read(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(BASE.resolve("/api/catalog/products")).timeout(timeout)
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().substring(0, Math.min(120,
                    response.body().length()));
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private Map<String, Integer> servedBy(int requests) {
        Map<String, Integer> replicas = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = Shop.get(BASE.resolve("/api/catalog/products"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            replicas.merge(response.headers().firstValue("X-Served-By").orElse("?"), 1, Integer::sum);
        }
        return replicas;
    }

    private boolean routed(String container) {
        return engine.status(StackName.of(STACK)).containers().stream()
                .anyMatch(r -> r.name().equals(container) && r.routed());
    }

    private InspectContainerResponse inspect(String container) {
        return docker.inspectContainerCmd(container).exec();
    }

    private long nanoCpus(String container) {
        return inspect(container).getHostConfig().getNanoCPUs();
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
            Shop.sleep(Duration.ofMillis(250));
        }
    }
}
