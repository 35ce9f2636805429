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
    private static final Pattern REPLICA_NUMBER = Pattern.compile("-(\\d+)$");

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
     * At a load one replica carries, a cold replica joins, then another: under the slow start, and warmed up once it
     * has joined, each keeps the 99th percentile of the 20 s after it joined within twice that of the 20 s before its
     * scale started. Each scale waits until the previous join's 20 s are over, so that no replica starting up
     * (a JVM's start takes a core of this 2-core machine for 20 s) falls into another's measured window.
     */
    @Test
    @Order(2)
    void replicasThatJoinUnderLoadDoNotRaiseTheTail() throws Exception {
        assertThat(Shop.shopctl("scale", "--stack", STACK, "monolith=1").exitCode()).isZero();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> failureKinds = Collections.synchronizedMap(new TreeMap<>());
        Map<Integer, long[]> beforeAndAfter = new TreeMap<>();
        try (MetricsHub hub = new MetricsHub().startTicking()) {
            LoadGenerator load = new LoadGenerator(LoadPlan.against(BASE).withRate(40).withDuration(Duration.ZERO),
                    hub);
            load.onRequest((request, intendedNanos) -> record(hub, request, intendedNanos, latencies, failures,
                    failureKinds));
            load.start();
            try {
                Shop.sleep(Duration.ofSeconds(25));
                for (int replica : List.of(2, 3)) {
                    Instant scaleStarted = Instant.now();
                    Shop.Run scale = Shop.shopctl("scale", "--stack", STACK, "monolith=" + replica);
                    assertThat(scale.exitCode()).as(scale.output()).isZero();
                    // The routing step holds the warm-up: 276 requests that start at most 50 a second.
                    Matcher routing = Pattern.compile("upstreams nginx monolith=\\[[\\d,]*" + replica
                            + "\\][^\\n]*done in ([\\d.]+)s").matcher(scale.output());
                    assertThat(routing.find()).as(scale.output()).isTrue();
                    assertThat(Double.parseDouble(routing.group(1))).as("routing and paced warm-up, s")
                            .isGreaterThanOrEqualTo(5.5);
                    Instant joined = joinOf(replica);
                    Duration rest = Duration.between(Instant.now(), joined.plusSeconds(22));
                    Shop.sleep(rest.isNegative() ? Duration.ZERO : rest);
                    long before = p99Millis(latencies, scaleStarted.minusSeconds(20), scaleStarted);
                    long after = p99Millis(latencies, joined, joined.plusSeconds(20));
                    beforeAndAfter.put(replica, new long[] {before, after});
                    System.out.printf("replica %d joined %d s after its scale started; p99 at 40 requests/s: %d ms "
                            + "in the 20 s before the scale (%d requests), %d ms in the 20 s after the join (%d "
                            + "requests)%n", replica, Duration.between(scaleStarted, joined).toSeconds(), before,
                            count(latencies, scaleStarted.minusSeconds(20), scaleStarted), after,
                            count(latencies, joined, joined.plusSeconds(20)));
                    System.out.println("  after the join, " + slowest(latencies, joined, joined.plusSeconds(20)));
                }
            } finally {
                load.stop();
            }
        }
        System.out.printf("failed requests: %d %s %s%n", failures.size(), failureKinds,
                failures.stream().limit(20).toList());
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(beforeAndAfter).allSatisfy((replica, p99) -> assertThat(p99[1])
                .as("p99 after replica %d joined vs before its scale (%d ms)", replica, p99[0])
                .isLessThanOrEqualTo(2 * p99[0]));
    }

    /** When the replica joined nginx's balancer, read back from nginx. */
    private Instant joinOf(int replica) {
        RoutingSnapshot routed = new BackendsControl(new DockerContainerShell(new DockerStack(docker, STACK),
                STACK + "-nginx")).read();
        System.out.println("nginx routes to " + routed.pools() + "; still warming: "
                + routed.warming(Instant.now()));
        assertThat(routed.warming(Instant.now()).get("monolith")).extracting(RoutedBackend::replica)
                .contains(replica);
        return routed.pools().get("monolith").stream().filter(backend -> backend.replica() == replica)
                .map(RoutedBackend::joined).findFirst().orElseThrow();
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
            latencies.add(new long[] {due.toEpochMilli(), request.latencyNanos() / 1_000_000,
                    replicaNumber(request.replica())});
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

    /** The replica's number from its {@code X-Served-By} name ({@code stack-monolith-2}), or 0 when none. */
    private static long replicaNumber(String servedBy) {
        Matcher number = REPLICA_NUMBER.matcher(servedBy == null ? "" : servedBy);
        return number.find() ? Long.parseLong(number.group(1)) : 0;
    }

    /**
     * Where the tail of a window came from: each replica's requests and p99, and the ten slowest requests as
     * "+offset from the window's start in ms, replica, latency in ms".
     */
    private static String slowest(List<long[]> latencies, Instant from, Instant to) {
        List<long[]> window;
        synchronized (latencies) {
            window = latencies.stream().filter(l -> l[0] >= from.toEpochMilli() && l[0] < to.toEpochMilli())
                    .sorted((a, b) -> Long.compare(b[1], a[1])).toList();
        }
        Map<Long, List<Long>> byReplica = new TreeMap<>();
        window.forEach(l -> byReplica.computeIfAbsent(l[2], r -> new ArrayList<>()).add(l[1]));
        StringBuilder text = new StringBuilder("by replica (requests, p99 ms):");
        byReplica.forEach((replica, millis) -> text.append(' ').append(replica).append('=').append(millis.size())
                .append('/').append(millis.get((int) Math.floor(millis.size() * 0.01))));
        text.append("; slowest (+ms, replica, ms):");
        window.stream().limit(10).forEach(l -> text.append(" +").append(l[0] - from.toEpochMilli()).append('/')
                .append(l[2]).append('/').append(l[1]));
        return text.toString();
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
