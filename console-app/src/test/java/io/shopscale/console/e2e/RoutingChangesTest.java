package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.dockerjava.api.DockerClient;

import io.shopscale.console.docker.DockerContainerShell;
import io.shopscale.console.docker.DockerEngines;
import io.shopscale.console.docker.DockerStack;
import io.shopscale.console.load.LoadGenerator;
import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.nginx.BackendsControl;
import io.shopscale.console.nginx.RoutedBackend;
import io.shopscale.console.nginx.RoutingSnapshot;

/**
 * Routing changes as clients see them, on one real monolith stack: a client that never resends (wrk) loses nothing
 * while the replicas change, and a replica that joins under load does not raise the tail latency.
 */
@Tag("docker")
@Tag("scaling")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingChangesTest {

    static final String STACK = "e2e-lua";
    static final int PORT = 18494;
    static final URI BASE = URI.create("http://127.0.0.1:" + PORT + "/");
    private static final Pattern WRK_REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern WRK_SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern WRK_NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private final DockerClient docker = DockerEngines.connect();

    @BeforeAll
    void upWithOneReplica() {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        Shop.Run up = Shop.shopctl("up", "--stack", STACK, "--port", Integer.toString(PORT), "--replicas", "1");
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    @AfterAll
    void removeStack() throws IOException {
        Shop.shopctl("down", "--stack", STACK, "--volumes");
        docker.close();
    }

    @Test
    @Order(1)
    void wrkThroughNginxWhileScalingOneThreeOneThreeGetsNoErrorAndOnly2xx() throws Exception {
        File output = Files.createTempFile("wrk-", ".out").toFile();
        // wrk keeps 16 connections alive and never resends a request that a closed connection lost. It stops and
        // prints its figures on SIGINT; the long duration is only an upper bound.
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c16", "-d600s", "--timeout", "30s",
                BASE.resolve("/api/catalog/products/1").toString())
                .redirectErrorStream(true).redirectOutput(output).start();
        try {
            Shop.sleep(Duration.ofSeconds(3));
            for (String replicas : List.of("3", "1", "3")) {
                Shop.Run scale = Shop.shopctl("scale", "--stack", STACK, "monolith=" + replicas);
                assertThat(scale.exitCode()).as(scale.output()).isZero();
                assertThat(scale.output()).doesNotContain("nginx reloaded");
                Shop.sleep(Duration.ofSeconds(3));
            }
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!wrk.waitFor(30, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
            }
        }
        String figures = Files.readString(output.toPath());
        output.delete();
        System.out.println("wrk through nginx while scaling monolith 1->3->1->3:\n" + figures);

        assertThat(wrk.exitValue()).as(figures).isZero();
        assertThat(count(WRK_REQUESTS, figures, 1)).as(figures).isGreaterThan(1_000);
        Matcher socketErrors = WRK_SOCKET_ERRORS.matcher(figures);
        if (socketErrors.find()) {
            assertThat(List.of(socketErrors.group(1), socketErrors.group(2), socketErrors.group(3),
                    socketErrors.group(4))).as("wrk's socket errors: connect, read, write, timeout")
                    .containsOnly("0");
        }
        assertThat(count(WRK_NON_2XX, figures, 1)).as("wrk's non-2xx responses").isZero();
    }

    /**
     * At a load one replica carries, two cold replicas join; the slow start keeps the 99th percentile of the 20 s
     * after they join within twice that of the 20 s before the scale started.
     */
    @Test
    @Order(2)
    void replicasThatJoinUnderLoadDoNotRaiseTheTail() throws Exception {
        assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=1").exitCode()).isZero();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> failureKinds = Collections.synchronizedMap(new TreeMap<>());
        try (MetricsHub hub = new MetricsHub().startTicking()) {
            LoadGenerator load = new LoadGenerator(LoadPlan.against(BASE).withRate(40).withDuration(Duration.ZERO),
                    hub);
            load.onRequest((request, intendedNanos) -> record(hub, request, intendedNanos, latencies, failures,
                    failureKinds));
            load.start();
            try {
                Shop.sleep(Duration.ofSeconds(25));
                Instant scaleStarted = Instant.now();
                Shop.Run scale = Shop.shopctl("scale", "--stack", STACK, "monolith=3");
                assertThat(scale.exitCode()).as(scale.output()).isZero();
                List<Instant> joins = joinsOfNewReplicas();
                Instant lastJoin = joins.get(joins.size() - 1);
                Duration rest = Duration.between(Instant.now(), lastJoin.plusSeconds(22));
                Shop.sleep(rest.isNegative() ? Duration.ZERO : rest);

                long before = p99Millis(latencies, scaleStarted.minusSeconds(20), scaleStarted);
                System.out.printf("p99 at 40 requests/s: %d ms in the 20 s before the scale to 3 (%d requests); "
                        + "failed requests: %d %s %s%n", before,
                        count(latencies, scaleStarted.minusSeconds(20), scaleStarted), failures.size(), failureKinds,
                        failures.stream().limit(20).toList());
                Map<Instant, Long> afterEachJoin = new TreeMap<>();
                for (Instant join : joins) {
                    afterEachJoin.put(join, p99Millis(latencies, join, join.plusSeconds(20)));
                    System.out.printf("p99 in the 20 s after the replica that joined %d s after the scale started: "
                            + "%d ms (%d requests)%n", Duration.between(scaleStarted, join).toSeconds(),
                            afterEachJoin.get(join), count(latencies, join, join.plusSeconds(20)));
                }
                assertThat(failures).as("failed requests").isEmpty();
                assertThat(afterEachJoin.values()).as("p99 after each join vs before the scale (%d ms)", before)
                        .allSatisfy(after -> assertThat(after).isLessThanOrEqualTo(2 * before));
            } finally {
                load.stop();
            }
        }
    }

    /** When replicas 2 and 3 joined nginx's balancer, read back from nginx, in order. */
    private List<Instant> joinsOfNewReplicas() {
        RoutingSnapshot routed = new BackendsControl(new DockerContainerShell(new DockerStack(docker, STACK),
                STACK + "-nginx")).read();
        System.out.println("nginx routes to " + routed.pools() + "; still warming: "
                + routed.warming(Instant.now()));
        assertThat(routed.replicas()).containsEntry("monolith", List.of(1, 2, 3));
        assertThat(routed.warming(Instant.now()).get("monolith")).extracting(RoutedBackend::replica).contains(3);
        return routed.pools().get("monolith").stream().filter(backend -> backend.replica() > 1)
                .map(RoutedBackend::joined).sorted().toList();
    }

    private static void record(MetricsHub hub, CompletedRequest request, long intendedNanos, List<long[]> latencies,
            List<String> failures, Map<String, Integer> failureKinds) {
        Instant due = hub.toInstant(intendedNanos);
        if (!request.ok()) {
            failures.add(due + " " + request.service() + " " + request.errorKind() + " replica="
                    + request.replica());
            failureKinds.merge(request.errorKind(), 1, Integer::sum);
        }
        if (request.sent()) {
            latencies.add(new long[] {due.toEpochMilli(), request.latencyNanos() / 1_000_000});
        }
    }

    /** The 99th percentile, in ms, of the requests due from {@code from} (inclusive) to {@code to}. */
    private static long p99Millis(List<long[]> latencies, Instant from, Instant to) {
        List<Long> window;
        synchronized (latencies) {
            window = latencies.stream().filter(l -> l[0] >= from.toEpochMilli() && l[0] < to.toEpochMilli())
                    .map(l -> l[1]).sorted().toList();
        }
        assertThat(window).as("requests from %s to %s", from, to).isNotEmpty();
        return window.get((int) Math.ceil(window.size() * 0.99) - 1);
    }

    private static long count(List<long[]> latencies, Instant from, Instant to) {
        synchronized (latencies) {
            return latencies.stream().filter(l -> l[0] >= from.toEpochMilli() && l[0] < to.toEpochMilli()).count();
        }
    }

    private static long count(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(group)) : 0;
    }
}
