package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import com.github.dockerjava.api.model.Container;

import io.shopscale.console.cli.ShopctlProcess;
import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.engine.StackEngine;
import io.shopscale.console.engine.StackLock;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.health.ReadinessProbe;
import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.topology.StackName;

/**
 * The engine observes what runs instead of trusting what it did: a scale killed halfway, two scales at once, a
 * replica that crash-loops, one that freezes while another is killed. One stack for all, in order.
 */
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineObservesTest {

    static final String STACK = "e2e-observe";
    static final int PORT = 18492;
    private static final URI BASE = URI.create("http://127.0.0.1:" + PORT);
    private static final Path HOME = Path.of(System.getProperty("user.home"), ".shopscale");

    private final DockerClient docker = DockerEngines.connect();
    private final StackEngine engine = StackEngine.onLocalDocker(HOME, "EngineObservesTest", true);
    private final ReadinessProbe probe = new ReadinessProbe();

    @BeforeAll
    void upWithOneReplica() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "1");
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    @AfterAll
    void down() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
    }

    @Test
    @Order(1)
    void aScaleKilledWhileItWaitsLeavesAReadyReplicaThatTheNextHealRoutes() {
        ShopctlProcess scale = ShopctlProcess.start("scale", "--stack", STACK, "monolith=2");
        awaitTrue(Duration.ofSeconds(90), "replica 2 runs", () -> replica(2).map(c -> "running".equals(c.getState()))
                .orElse(false));
        scale.kill();

        String address = address(replica(2).orElseThrow());
        awaitTrue(Duration.ofSeconds(120), "replica 2 gets ready on its own", () -> probe.ready(address, 8080));
        StackStatus before = engine.status(StackName.of(STACK));
        assertThat(before.containers()).filteredOn(r -> r.name().equals(STACK + "-monolith-2")).singleElement()
                .satisfies(r -> {
                    assertThat(r.ready()).as("ready").isTrue();
                    assertThat(r.routed()).as("routed by nginx, before heal").isFalse();
                });
        assertThat(servedBy(20)).as("before heal, nginx sends everything to replica 1")
                .containsOnlyKeys(STACK + "-monolith-1");

        ShopctlProcess.Result heal = ShopctlProcess.start("heal", "--stack", STACK).await(Duration.ofMinutes(3));

        assertThat(heal.exitCode()).as(heal.output()).isZero();
        assertThat(heal.output()).contains("upstreams").contains("ready, not routed: monolith:2");
        assertThat(servedBy(40)).as("after heal, both replicas serve")
                .containsOnlyKeys(STACK + "-monolith-1", STACK + "-monolith-2");
    }

    @Test
    @Order(2)
    void twoScalesAtOnceRunOneAfterTheOtherAndEndWhereTheLastOneAsked() {
        ShopctlProcess first = ShopctlProcess.start("scale", "--stack", STACK, "monolith=3");
        awaitTrue(Duration.ofSeconds(30), "the first scale holds the stack",
                () -> StackLock.holder(HOME, StackName.of(STACK)).isPresent());
        ShopctlProcess second = ShopctlProcess.start("scale", "--stack", STACK, "monolith=1");

        ShopctlProcess.Result firstRun = first.await(Duration.ofMinutes(4));
        ShopctlProcess.Result secondRun = second.await(Duration.ofMinutes(4));

        assertThat(firstRun.exitCode()).as(firstRun.output()).isZero();
        assertThat(secondRun.exitCode()).as(secondRun.output()).isZero();
        assertThat(firstRun.output() + secondRun.output()).doesNotContain("No such container").doesNotContain("404");
        assertThat(secondRun.output()).contains("waiting: stack " + STACK + " is being changed by")
                .contains("scale monolith=3");
        StackStatus after = engine.status(StackName.of(STACK));
        assertThat(after.desired()).isEqualTo(Map.of("monolith", 1));
        assertThat(after.containers()).filteredOn(r -> r.role().equals("app")).singleElement()
                .satisfies(r -> assertThat(r.routed()).isTrue());
    }

    @Test
    @Order(3)
    void aReplicaThatCrashLoopsFailsItsStepInSecondsAndTheOldOneServesOn() {
        Instant started = Instant.now();
        Shop.Run tooSmall = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "1",
                "--memory", "64");
        Duration took = Duration.between(started, Instant.now());
        System.out.println("crash-looping replica: the command failed after " + took.toMillis() + " ms");

        assertThat(tooSmall.exitCode()).as(tooSmall.output()).isEqualTo(1);
        assertThat(tooSmall.output()).contains("Step failed: wait-ready")
                .containsAnyOf("killed for using more memory", "exited with code", "crashed and was restarted");
        java.util.regex.Matcher failedAfter = java.util.regex.Pattern.compile("wait-ready .*FAILED after ([0-9.]+)s")
                .matcher(tooSmall.output());
        assertThat(failedAfter.find()).as(tooSmall.output()).isTrue();
        assertThat(Double.parseDouble(failedAfter.group(1))).as("seconds until the wait-ready step failed")
                .isLessThan(20);
        assertThat(Shop.get(BASE.resolve("/api/catalog/products")).statusCode()).isEqualTo(200);

        Shop.Run restored = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas",
                "1");
        assertThat(restored.exitCode()).as(restored.output()).isZero();
    }

    @Test
    @Order(4)
    void aFrozenReplicaLeavesNginxInSecondsAndHealReplacesItAndAKilledOneWithoutWaitingOnIt() throws Exception {
        assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=3").exitCode()).isZero();
        List<String> tokens = Shop.shoppers(BASE, 3);
        MetricsHub hub = new MetricsHub();
        Duration outOfNginx;
        Duration healed;
        try (SteadyTraffic traffic = new SteadyTraffic(BASE, tokens, 30, 0.1);
             Subscription monitor = engine.monitor(StackName.of(STACK), hub)) {
            Shop.sleep(Duration.ofSeconds(5));
            Container frozen = replica(2).orElseThrow();
            signal("STOP", frozen);
            Instant frozenAt = Instant.now();
            awaitTrue(Duration.ofSeconds(30), "the monitor's routing guard takes the frozen replica out of nginx",
                    () -> guardedOut(hub, "monolith:2").isPresent());
            outOfNginx = Duration.between(frozenAt, guardedOut(hub, "monolith:2").get());
            assertThat(routed(STACK + "-monolith-2")).as("nginx routes to the frozen replica").isFalse();
            docker.killContainerCmd(replica(3).orElseThrow().getId()).exec();

            Instant healStarted = Instant.now();
            Shop.Run heal = Shop.shopctl("heal", "--stack", STACK);
            healed = Duration.between(healStarted, Instant.now());
            assertThat(heal.exitCode()).as(heal.output()).isZero();
            Shop.sleep(Duration.ofSeconds(5));
            traffic.close();

            System.out.printf("frozen replica: out of nginx after %d ms; heal of frozen + killed took %d ms; "
                    + "%d reads (%d failed), %d order attempts (%d failed), slowest read %d ms, failures %s%n",
                    outOfNginx.toMillis(), healed.toMillis(), traffic.reads.get(), traffic.readFailures.get(),
                    traffic.orderAttempts.get(), traffic.orderFailures.get(), traffic.slowestReadMillis.get(),
                    traffic.failures);
            assertThat(traffic.readFailures.get()).as("failed reads: " + traffic.failures).isZero();
            assertThat(traffic.orders.values()).as("orders lost after retries: " + traffic.failures)
                    .doesNotContain("lost");
            assertThat(traffic.slowestReadMillis.get()).as("no read waits for nginx's 30 s timeout")
                    .isLessThan(30_000);
        }
        assertThat(outOfNginx).as("a frozen replica leaves nginx within 10 s").isLessThan(Duration.ofSeconds(10));
        StackStatus after = engine.status(StackName.of(STACK));
        assertThat(after.containers()).filteredOn(r -> r.role().equals("app"))
                .hasSize(3).allSatisfy(r -> {
                    assertThat(r.ready()).as(r.name() + " ready").isTrue();
                    assertThat(r.routed()).as(r.name() + " routed").isTrue();
                })
                .extracting(StackStatus.Replica::name)
                .doesNotContain(STACK + "-monolith-2", STACK + "-monolith-3");
    }

    /** When the monitor's routing guard took {@code replica} out of nginx, as the timeline marks it. */
    private static java.util.Optional<Instant> guardedOut(MetricsHub hub, String replica) {
        return hub.events().stream()
                .filter(e -> e.kind() == EventKind.ROUTING && e.text().contains("routed, not ready: " + replica))
                .map(Event::time).findFirst();
    }

    private boolean routed(String container) {
        return engine.status(StackName.of(STACK)).containers().stream()
                .anyMatch(r -> r.name().equals(container) && r.routed());
    }

    private java.util.Optional<Container> replica(int number) {
        return Shop.appContainers(docker, STACK).stream()
                .filter(c -> c.getNames()[0].equals("/" + STACK + "-monolith-" + number)).findFirst();
    }

    private String address(Container container) {
        return docker.inspectContainerCmd(container.getId()).exec().getNetworkSettings().getNetworks().values()
                .iterator().next().getIpAddress();
    }

    /** {@code kill -SIGNAL} of the container's main process, from the host: a frozen JVM, not a paused container. */
    private void signal(String signal, Container container) throws IOException, InterruptedException {
        Long pid = docker.inspectContainerCmd(container.getId()).exec().getState().getPidLong();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    private Map<String, Long> servedBy(int requests) {
        Map<String, Long> replicas = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = Shop.get(BASE.resolve("/api/catalog/products"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            replicas.merge(response.headers().firstValue("X-Served-By").orElse("?"), 1L, Long::sum);
        }
        return replicas;
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting until " + what).isBefore(deadline);
            Shop.sleep(Duration.ofMillis(250));
        }
    }
}
