package io.shopscale.console.nginx;

import static io.shopscale.console.nginx.DockerCli.HAPROXY_IMAGE;
import static io.shopscale.console.nginx.DockerCli.NGINX_IMAGE;
import static io.shopscale.console.nginx.DockerCli.TEST_LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.shopscale.console.nginx.DockerCli.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden configs checked by the real programs, in the images the console deploys, and the Lua balancer at work in
 * a running nginx. Needs a running Docker engine and the base images; fails, never skips, without them.
 */
@Tag("docker")
class RealNginxTest {

    private static final String NGINX_CONF = "/etc/nginx/nginx.conf";
    private static final String HAPROXY_CFG = "/usr/local/etc/haproxy/haproxy.cfg";

    @TempDir
    Path temp;

    @Test
    void nginxAcceptsEveryGoldenConfig() {
        DockerCli.requireImage(NGINX_IMAGE);
        SoftAssertions softly = new SoftAssertions();
        for (String golden : GoldenFiles.NGINX_CONFIGS) {
            Result test = nginxTest(GoldenFiles.path(golden));

            softly.assertThat(test.exitCode()).as("nginx -t on %s said:%n%s", golden, test.output()).isZero();
        }
        softly.assertAll();
    }

    /**
     * Why servers and backends are addresses: a name Docker no longer resolves makes nginx refuse the whole config
     * (and the balancer's {@code set_current_peer} takes addresses only).
     */
    @Test
    void nginxRefusesAConfigNamingAReplicaThatDoesNotResolve() throws IOException {
        DockerCli.requireImage(NGINX_IMAGE);
        Path byName = Files.writeString(temp.resolve("by-name.conf"), GoldenFiles.read(GoldenFiles.MONOLITH)
                .replace("server 127.0.0.1:9;", "server shop-monolith-1:8080;"));

        Result test = nginxTest(byName);

        assertThat(test.exitCode()).isNotZero();
        assertThat(test.output()).contains("host not found in upstream \"shop-monolith-1:8080\"");
    }

    @Test
    void haproxyAcceptsTheGoldenConfig() {
        DockerCli.requireImage(HAPROXY_IMAGE);

        Result check = DockerCli.runToCompletion(List.of("--network", "none",
                "-v", GoldenFiles.path(GoldenFiles.HAPROXY) + ":" + HAPROXY_CFG + ":ro",
                HAPROXY_IMAGE, "haproxy", "-c", "-f", HAPROXY_CFG));

        assertThat(check.exitCode()).as("haproxy -c said:%n%s", check.output()).isZero();
    }

    /**
     * What a user of the shop sees while no replica is ready, the paths the public listener never proxies, and the
     * Lua balancer: backends set and read back through the control endpoint, the slow start of a replica that joins,
     * retries past a replica that refuses connections, and the backends kept across a restart. nginx's own status
     * (8081) and internal (8082) listeners stand in for replicas: they answer 404 to {@code /api/...}, and
     * {@code X-Upstream} says which one answered.
     */
    @Test
    void aRunningGatewayRoutesToTheBackendsItIsGivenWithoutAReload() throws Exception {
        DockerCli.requireImage(NGINX_IMAGE);
        Path staticFiles = Files.createDirectories(temp.resolve("static"));
        Files.writeString(staticFiles.resolve("index.html"), "<title>ShopScale</title>");
        Files.writeString(staticFiles.resolve("app.js"), "console.log('shop');");
        Result run = DockerCli.docker(List.of("run", "-d", "--rm", "--label", TEST_LABEL,
                "-p", "127.0.0.1::80",
                "-v", GoldenFiles.path(GoldenFiles.MONOLITH) + ":" + NGINX_CONF + ":ro",
                "-v", staticFiles + ":/srv/static:ro",
                NGINX_IMAGE));
        assertThat(run.exitCode()).as("docker run said:%n%s", run.output()).isZero();
        String container = run.output().strip();
        try {
            URI gateway = URI.create("http://" + publishedAddress(container) + "/");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitAnswer(http, gateway, container);

            HttpResponse<String> api = get(http, gateway.resolve("/api/catalog/products"));
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(api.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                    + "\"status\":503,");

            assertThat(get(http, gateway.resolve("/")).body()).isEqualTo("<title>ShopScale</title>");
            assertThat(get(http, gateway.resolve("/app.js")).statusCode()).isEqualTo(200);
            assertThat(get(http, gateway.resolve("/missing.js")).statusCode()).isEqualTo(404);
            assertThat(get(http, gateway.resolve("/internal/payments/charges")).statusCode()).isEqualTo(404);
            assertThat(get(http, gateway.resolve("/api/catalog/..;/..;/internal/payments/charges")).statusCode())
                    .isEqualTo(400);

            BackendsControl control = new BackendsControl(new CliContainerShell(container));
            RoutingSnapshot set = control.set(Map.of("monolith", List.of(
                    new UpstreamServer(1, "status-listener", "127.0.0.1:8081"))), Gateways.REPLICA_CONCURRENCY);
            assertThat(set.replicaConcurrency()).hasValue(Gateways.REPLICA_CONCURRENCY);
            assertThat(set.replicas()).isEqualTo(Map.of("monolith", List.of(1)));
            assertThat(set.warming(Instant.now())).as("a replica joining an empty pool joins warm").isEmpty();
            HttpResponse<String> routed = get(http, gateway.resolve("/api/catalog/products"));
            assertThat(routed.statusCode()).as(routed.body()).isEqualTo(404);
            assertThat(routed.headers().firstValue("X-Upstream")).contains("127.0.0.1:8081");

            // Replica 1 joined long ago; replica 2 joins now and starts at a twentieth of a share.
            DockerCli.Result joined = DockerCli.docker(List.of("exec", container, "curl", "-sS", "--fail-with-body",
                    "--data-binary", "monolith 1 127.0.0.1:8081 1000\nmonolith 2 127.0.0.1:8082\n",
                    "http://127.0.0.1:" + BackendsControl.PORT + "/backends"));
            assertThat(joined.exitCode()).as(joined.output()).isZero();
            Map<String, Integer> shares = upstreamShares(http, gateway, 100);
            System.out.println("100 requests right after replica 2 joined: " + shares);
            assertThat(shares.getOrDefault("127.0.0.1:8082", 0)).isBetween(1, 20);
            RoutingSnapshot warming = control.read();
            assertThat(warming.warming(Instant.now()).get("monolith")).extracting(RoutedBackend::replica)
                    .containsExactly(2);
            assertThat(warming.pools().get("monolith").get(1).warmUntil())
                    .isBetween(Instant.now().plusSeconds(15), Instant.now().plusSeconds(26));

            // Nothing listens on port 9: every request still succeeds on the other replica, and after two failures
            // port 9 is skipped for 5 s instead of costing each request a retry.
            control.set(Map.of("monolith", List.of(new UpstreamServer(1, "refuses", "127.0.0.1:9"),
                    new UpstreamServer(2, "status-listener", "127.0.0.1:8081"))), Gateways.REPLICA_CONCURRENCY);
            int retried = 0;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = get(http, gateway.resolve("/api/x"));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
                retried += response.headers().firstValue("X-Upstream").orElse("").contains("127.0.0.1:9") ? 1 : 0;
            }
            assertThat(retried).isBetween(1, 2);

            DockerCli.Result refused = DockerCli.docker(List.of("exec", container, "curl", "-sS", "--fail-with-body",
                    "--data-binary", "monolith 1 shop-monolith-1:8080",
                    "http://127.0.0.1:" + BackendsControl.PORT + "/backends"));
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("line 1: address \"shop-monolith-1:8080\" is not IPv4:port");

            RoutingSnapshot beforeRestart = control.read();
            assertThat(DockerCli.docker(List.of("restart", container)).exitCode()).isZero();
            // A restart publishes the port anew, on another host port.
            URI restarted = URI.create("http://" + publishedAddress(container) + "/");
            awaitAnswer(http, restarted, container);
            assertThat(control.read()).isEqualTo(beforeRestart);
            assertThat(control.read().replicas()).isEqualTo(Map.of("monolith", List.of(1, 2)));

            control.set(Map.of("monolith", List.of()), Gateways.REPLICA_CONCURRENCY);
            assertThat(get(http, restarted.resolve("/api/catalog/products")).statusCode()).isEqualTo(503);
        } finally {
            DockerCli.docker(List.of("rm", "-f", container));
        }
    }

    /**
     * Shedding load: with a limit of 2 requests in flight per replica and a replica stand-in that takes 2 s per
     * request, a third request is turned away at once with a 503 problem detail and {@code Retry-After}, while the
     * two in flight are served, and nginx logs what the replica held; a request that failed through error_page's
     * redirect releases its place too, and one whose client gave up keeps it until the replica answered. A limit of 0,
     * set on the running nginx, lets every request through.
     */
    @Test
    void aPoolWhoseEveryReplicaIsAtItsLimitTurnsRequestsAwayAtOnceWithRetryAfter() throws Exception {
        DockerCli.requireImage(NGINX_IMAGE);
        Path shedding = Files.writeString(temp.resolve("shedding.conf"), withStandIn(
                GoldenFiles.read(GoldenFiles.MONOLITH), List.of(8090), """
                        -- A replica stand-in that takes 2 s to answer, or closes the connection at once (?fail).
                        if ngx.var.arg_fail then
                            return ngx.exit(444)
                        end
                        ngx.sleep(2)
                        ngx.say("served")"""));
        String container = startGateway(shedding);
        try {
            URI gateway = URI.create("http://" + publishedAddress(container) + "/");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitAnswer(http, gateway, container);
            BackendsControl control = new BackendsControl(new CliContainerShell(container));
            UpstreamServer slow = new UpstreamServer(1, "slow-replica", "127.0.0.1:8090");
            control.set(Map.of("monolith", List.of(slow)), 2);

            List<CompletableFuture<HttpResponse<String>>> inFlight = List.of(
                    getAsync(http, gateway.resolve("/api/catalog/products?first")),
                    getAsync(http, gateway.resolve("/api/orders?second")));
            Thread.sleep(500);
            long start = System.nanoTime();
            HttpResponse<String> turnedAway = get(http, gateway.resolve("/api/catalog/products?third"));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("with both places taken, the third request was answered in " + millis + " ms: "
                    + turnedAway.statusCode() + " " + turnedAway.headers().map() + " " + turnedAway.body());

            assertThat(turnedAway.statusCode()).isEqualTo(503);
            assertThat(turnedAway.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(turnedAway.headers().firstValue("Retry-After")).contains("1");
            assertThat(turnedAway.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                    + "\"status\":503,").contains("at capacity");
            assertThat(millis).as("turned away at once, not queued behind the 2 s requests").isLessThan(1000);
            assertThat(DockerCli.docker(List.of("logs", container)).output()).as("nginx says what the replica held")
                    .containsPattern("pool monolith shed a request \\(1 since the last such line\\): every replica"
                            + " holds 2 requests: replica 1 127\\.0\\.0\\.1:8090: 2 in flight, oldest"
                            + " 0\\.[5-9]\\d\\d s");
            for (CompletableFuture<HttpResponse<String>> served : inFlight) {
                assertThat(served.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                assertThat(served.get().body()).isEqualTo("served\n");
            }

            // Requests that fail go through error_page to a named location, which clears ngx.ctx; their places must
            // be released all the same, or the replica would count as full for ever.
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> failed = get(http, gateway.resolve("/api/x?fail=" + i));
                assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
                assertThat(failed.body()).contains("\"title\":\"Bad Gateway\"");
            }
            List<CompletableFuture<HttpResponse<String>>> again = List.of(
                    getAsync(http, gateway.resolve("/api/x?1")), getAsync(http, gateway.resolve("/api/x?2")));
            for (CompletableFuture<HttpResponse<String>> served : again) {
                assertThat(served.get(10, TimeUnit.SECONDS).statusCode()).as("both places free again").isEqualTo(200);
            }

            // Clients that give up do not free their places: the replica still works on their requests, and nginx
            // must not hand it more until it answers them.
            List<CompletableFuture<HttpResponse<String>>> abandoned = List.of(
                    getAsync(http, gateway.resolve("/api/x?abandoned=1"), Duration.ofMillis(300)),
                    getAsync(http, gateway.resolve("/api/x?abandoned=2"), Duration.ofMillis(300)));
            for (CompletableFuture<HttpResponse<String>> given : abandoned) {
                assertThat(given).failsWithin(5, TimeUnit.SECONDS);
            }
            HttpResponse<String> afterAbandoned = get(http, gateway.resolve("/api/x?after-abandoned"));
            assertThat(afterAbandoned.statusCode()).as("places of abandoned requests still taken: %s",
                    afterAbandoned.body()).isEqualTo(503);
            Thread.sleep(2_500);
            assertThat(get(http, gateway.resolve("/api/x?later")).statusCode())
                    .as("places free once the replica answered the abandoned requests").isEqualTo(200);

            // No limit, set with the backends and so with no reload: three requests at once are all served.
            assertThat(control.set(Map.of("monolith", List.of(slow)), 0).replicaConcurrency()).hasValue(0);
            List<CompletableFuture<HttpResponse<String>>> unlimited = List.of(
                    getAsync(http, gateway.resolve("/api/x?u1")), getAsync(http, gateway.resolve("/api/x?u2")),
                    getAsync(http, gateway.resolve("/api/x?u3")));
            for (CompletableFuture<HttpResponse<String>> served : unlimited) {
                assertThat(served.get(10, TimeUnit.SECONDS).statusCode()).as("no limit").isEqualTo(200);
            }
        } finally {
            DockerCli.docker(List.of("rm", "-f", container));
        }
    }

    /**
     * Least requests in flight: while replica stand-in A works on a slow request, every request that follows goes
     * to B, which has none in flight, instead of every other one to A as round robin would send them.
     */
    @Test
    void aRequestGoesToTheReplicaWithTheFewestRequestsInFlight() throws Exception {
        DockerCli.requireImage(NGINX_IMAGE);
        Path config = Files.writeString(temp.resolve("least.conf"), withStandIn(GoldenFiles.read(GoldenFiles.MONOLITH),
                List.of(8090, 8091), """
                        -- Two replica stand-ins: ?slow takes 2 s to answer, anything else is answered at once.
                        if ngx.var.arg_slow then
                            ngx.sleep(2)
                        end
                        ngx.say("served")"""));
        String container = startGateway(config);
        try {
            URI gateway = URI.create("http://" + publishedAddress(container) + "/");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitAnswer(http, gateway, container);
            new BackendsControl(new CliContainerShell(container)).set(Map.of("monolith", List.of(
                    new UpstreamServer(1, "a", "127.0.0.1:8090"), new UpstreamServer(2, "b", "127.0.0.1:8091"))),
                    Gateways.REPLICA_CONCURRENCY);

            CompletableFuture<HttpResponse<String>> slow = getAsync(http, gateway.resolve("/api/x?slow=1"));
            Thread.sleep(500);
            List<String> next = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> fast = get(http, gateway.resolve("/api/x?fast=" + i));
                assertThat(fast.statusCode()).as(fast.body()).isEqualTo(200);
                next.add(fast.headers().firstValue("X-Upstream").orElse("none"));
            }
            String busy = slow.get(10, TimeUnit.SECONDS).headers().firstValue("X-Upstream").orElse("none");
            System.out.println("slow request on " + busy + ", the 6 requests that followed on " + next);

            assertThat(busy).isIn("127.0.0.1:8090", "127.0.0.1:8091");
            assertThat(next).as("none of them queued behind the slow request").doesNotContain(busy)
                    .containsOnly(busy.endsWith("8090") ? "127.0.0.1:8091" : "127.0.0.1:8090");
        } finally {
            DockerCli.docker(List.of("rm", "-f", container));
        }
    }

    /** Starts nginx with the config, its port 80 published on loopback; answers the container's id. */
    private static String startGateway(Path config) {
        Result run = DockerCli.docker(List.of("run", "-d", "--rm", "--label", TEST_LABEL, "-p", "127.0.0.1::80",
                "-v", config + ":" + NGINX_CONF + ":ro", NGINX_IMAGE));
        assertThat(run.exitCode()).as("docker run said:%n%s", run.output()).isZero();
        return run.output().strip();
    }

    /** The config with a server that listens on each port given and answers every request with the Lua given. */
    private static String withStandIn(String config, List<Integer> ports, String lua) {
        String counters = "    # nginx's own counters";
        assertThat(config).contains(counters);
        StringBuilder listens = new StringBuilder();
        for (int port : ports) {
            listens.append("        listen 127.0.0.1:").append(port).append(";\n");
        }
        return config.replace(counters, "    server {\n" + listens + "        location / {\n"
                + "            content_by_lua_block {\n" + lua.indent(16) + "            }\n        }\n    }\n\n"
                + counters);
    }

    private static CompletableFuture<HttpResponse<String>> getAsync(HttpClient http, URI uri) {
        return getAsync(http, uri, Duration.ofSeconds(10));
    }

    private static CompletableFuture<HttpResponse<String>> getAsync(HttpClient http, URI uri, Duration timeout) {
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many of {@code count} requests each backend answered, by the address in {@code X-Upstream}. */
    private static Map<String, Integer> upstreamShares(HttpClient http, URI gateway, int count) throws Exception {
        Map<String, Integer> shares = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = get(http, gateway.resolve("/api/x"));
            shares.merge(response.headers().firstValue("X-Upstream").orElse("none"), 1, Integer::sum);
        }
        return shares;
    }

    private static Result nginxTest(Path config) {
        // No network: nginx -t needs none, and a name lookup then fails at once instead of waiting for DNS.
        return DockerCli.runToCompletion(List.of("--network", "none",
                "-v", config + ":" + NGINX_CONF + ":ro", NGINX_IMAGE, "nginx", "-t"));
    }

    private static String publishedAddress(String container) {
        Result port = DockerCli.docker(List.of("port", container, "80/tcp"));
        assertThat(port.exitCode()).as("docker port said:%n%s", port.output()).isZero();
        return port.output().lines().filter(line -> line.startsWith("127.0.0.1:")).findFirst()
                .orElseGet(() -> fail("nginx's port 80 is not published on 127.0.0.1: " + port.output()));
    }

    private static void awaitAnswer(HttpClient http, URI gateway, String container) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            try {
                get(http, gateway);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("nginx did not answer on " + gateway + " within 15 s; its log:\n"
                + DockerCli.docker(List.of("logs", container)).output());
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
