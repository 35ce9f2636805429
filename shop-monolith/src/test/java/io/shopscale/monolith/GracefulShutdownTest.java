package io.shopscale.monolith;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.shopscale.kit.security.TokenKeys;
import io.shopscale.kit.testing.SharedPostgres;

/** On SIGTERM (a context close) readiness goes down at once and requests in flight still finish. */
@Tag("docker")
class GracefulShutdownTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anOrderInFlightCompletesWhileTheReplicaShutsDown() throws Exception {
        List<ReadinessState> readiness = new CopyOnWriteArrayList<>();
        Path keys = Files.createTempDirectory("keys");
        TokenKeys.writePair(keys);
        Map<String, Object> properties = new HashMap<>(SharedPostgres.springProperties("monolith_shutdown"));
        properties.put("server.port", "0");
        properties.put("shop.security.key-dir", keys.toString());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopMonolith.class)
                .listeners((ApplicationListener<AvailabilityChangeEvent<?>>) event -> {
                    if (event.getState() instanceof ReadinessState state) {
                        readiness.add(state);
                    }
                })
                .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

        String email = "shutdown-" + UUID.randomUUID() + "@example.test";
        send(base, "POST", "/api/sso/register", Map.of("email", email, "name", "S", "password", "s3cret-pass"), null);
        String token = json.readTree(send(base, "POST", "/api/sso/login",
                Map.of("email", email, "password", "s3cret-pass"), null).body()).get("token").asText();
        send(base, "PUT", "/internal/payments/simulation", Map.of("latencyMs", 2000, "failureRate", 0), null);

        CompletableFuture<HttpResponse<String>> order = CompletableFuture.supplyAsync(() -> send(base, "POST",
                "/api/orders", Map.of("items", List.of(Map.of("productId", 3, "quantity", 1))), token));
        Thread.sleep(700);
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);

        HttpResponse<String> placed = order.get(30, TimeUnit.SECONDS);
        shutdown.get(30, TimeUnit.SECONDS);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(readiness).endsWith(ReadinessState.REFUSING_TRAFFIC);
        assertThat(context.isActive()).isFalse();
    }

    private HttpResponse<String> send(String base, String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token)
                        .header("Idempotency-Key", UUID.randomUUID().toString());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }
}
