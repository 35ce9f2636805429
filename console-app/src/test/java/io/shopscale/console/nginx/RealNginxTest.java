package io.shopscale.console.nginx;

import org.junit.jupiter.api.Tag;
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
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden configs checked by the real programs, in the images the console deploys. Needs a running Docker engine
 * and the base images; fails, never skips, without them.
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

    /** Why upstream servers are addresses: a name Docker no longer resolves makes nginx refuse the whole config. */
    @Test
    void nginxRefusesAConfigNamingAReplicaThatDoesNotResolve() throws IOException {
        DockerCli.requireImage(NGINX_IMAGE);
        Path byName = Files.writeString(temp.resolve("by-name.conf"), GoldenFiles.read(GoldenFiles.MONOLITH_1)
                .replace("server 172.18.0.10:8080", "server shop-monolith-1:8080"));

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

    /** What a user of the shop sees while no replica is ready, and the paths the public listener never proxies. */
    @Test
    void aRunningGatewayWithNoReadyReplicaAnswers503ProblemDetailsAndServesStaticFiles() throws Exception {
        DockerCli.requireImage(NGINX_IMAGE);
        Path staticFiles = Files.createDirectories(temp.resolve("static"));
        Files.writeString(staticFiles.resolve("index.html"), "<title>ShopScale</title>");
        Files.writeString(staticFiles.resolve("app.js"), "console.log('shop');");
        Result run = DockerCli.docker(List.of("run", "-d", "--rm", "--label", TEST_LABEL,
                "-p", "127.0.0.1::80",
                "-v", GoldenFiles.path(GoldenFiles.MONOLITH_0) + ":" + NGINX_CONF + ":ro",
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
        } finally {
            DockerCli.docker(List.of("rm", "-f", container));
        }
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
