package io.shopscale.console.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's own readiness check of a replica: {@code GET /actuator/health/readiness} straight to the replica,
 * answered 2xx within {@link #TIMEOUT}. Asked directly rather than read from Docker's health status, which lags by
 * its interval and retries (25 s and more before Docker calls a frozen replica unhealthy).
 */
public final class ReadinessProbe {

    /** Long enough for a busy replica on a small host, short enough that a frozen one is found within seconds. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    public static final String PATH = "/actuator/health/readiness";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** @return whether {@code http://address:port/actuator/health/readiness} answered 2xx within {@link #TIMEOUT} */
    public boolean ready(String address, int port) {
        return send(address, port).join();
    }

    /**
     * Asks every address at once; one that fails is asked once more, so that one slow answer of a busy replica does
     * not count as "not ready". Takes at most twice {@link #TIMEOUT}.
     *
     * @return per address, whether it is ready
     */
    public Map<String, Boolean> readyAll(List<String> addresses, int port) {
        Map<String, CompletableFuture<Boolean>> answers = new LinkedHashMap<>();
        addresses.forEach(address -> answers.put(address, send(address, port)
                .thenCompose(ready -> ready ? CompletableFuture.completedFuture(true) : send(address, port))));
        Map<String, Boolean> ready = new LinkedHashMap<>();
        answers.forEach((address, answer) -> ready.put(address, answer.join()));
        return ready;
    }

    private CompletableFuture<Boolean> send(String address, int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + PATH))
                .timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() / 100 == 2)
                .exceptionally(failure -> false);
    }
}
