package io.shopscale.console.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady traffic for end-to-end tests: a fixed rate of catalog reads and order placements sent through nginx,
 * counting what failed and which replica served what. Orders that fail are retried with the same
 * Idempotency-Key, as a careful client does, so the test can check that none is lost or doubled.
 */
final class SteadyTraffic implements AutoCloseable {

    private final URI base;
    private final List<String> tokens;
    private final double orderShare;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    final AtomicLong reads = new AtomicLong();
    final AtomicLong readFailures = new AtomicLong();
    final AtomicLong orderAttempts = new AtomicLong();
    final AtomicLong orderFailures = new AtomicLong();
    /** Requests sent again because their keep-alive connection closed before any answer (see sendOnce). */
    final AtomicLong resent = new AtomicLong();
    final Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    /** Idempotency-Key to the order id it finally placed (or "lost" if every retry failed). */
    final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();

    SteadyTraffic(URI base, List<String> tokens, int ratePerSecond, double orderShare) {
        this.base = base;
        this.tokens = tokens;
        this.orderShare = orderShare;
        long periodMicros = 1_000_000L / ratePerSecond;
        ticker.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    long failed() {
        return readFailures.get() + orderFailures.get();
    }

    long total() {
        return reads.get() + orderAttempts.get();
    }

    void resetServedBy() {
        servedBy.clear();
    }

    private void sendOne() {
        if (ThreadLocalRandom.current().nextDouble() < orderShare) {
            String key = UUID.randomUUID().toString();
            String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
            track(placeOrder(key, token, 1));
        } else {
            track(read());
        }
    }

    private CompletableFuture<?> read() {
        int page = ThreadLocalRandom.current().nextInt(10);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/catalog/products?size=10&page=" + page))
                .timeout(Duration.ofSeconds(15)).build();
        reads.incrementAndGet();
        return sendOnce(request).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                readFailures.incrementAndGet();
                failures.add("read: " + describe(response, error));
            } else {
                count(response);
            }
            return null;
        });
    }

    private CompletableFuture<Void> placeOrder(String key, String token, int attempt) {
        long product = 1 + ThreadLocalRandom.current().nextInt(240);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/orders"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"items\":[{\"productId\":" + product + ",\"quantity\":1}]}"))
                .build();
        orderAttempts.incrementAndGet();
        return sendOnce(request).thenCompose(response -> {
            if (response.statusCode() == 201) {
                count(response);
                orders.put(key, response.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
                return CompletableFuture.<Void>completedFuture(null);
            }
            return retry(key, token, attempt, describe(response, null));
        }).exceptionallyCompose(error -> retry(key, token, attempt, describe(null, error)));
    }

    /**
     * Sends a request, and sends it again at once if the connection it went out on was closed before any byte of
     * an answer came back: nginx closes idle keep-alive connections when it reloads, and a request that crossed
     * that close was never read. Browsers resend in this case too (RFC 9112, 9.3.1).
     */
    private CompletableFuture<HttpResponse<String>> sendOnce(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .exceptionallyCompose(error -> {
                    if (String.valueOf(error.getMessage()).contains("received no bytes")) {
                        resent.incrementAndGet();
                        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                    }
                    return CompletableFuture.failedFuture(error);
                });
    }

    private CompletableFuture<Void> retry(String key, String token, int attempt, String why) {
        orderFailures.incrementAndGet();
        failures.add("order attempt " + attempt + ": " + why);
        if (attempt >= 4) {
            orders.put(key, "lost");
            return CompletableFuture.<Void>completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> placeOrder(key, token, attempt + 1));
    }

    private void count(HttpResponse<String> response) {
        String replica = response.headers().firstValue("X-Served-By").orElse("?");
        servedBy.computeIfAbsent(replica, any -> new AtomicLong()).incrementAndGet();
    }

    private void track(CompletableFuture<?> request) {
        inFlight.add(request);
        inFlight.removeIf(CompletableFuture::isDone);
    }

    private static String describe(HttpResponse<String> response, Throwable error) {
        if (error != null) {
            return error.getClass().getSimpleName() + " " + error.getMessage();
        }
        String body = response.body();
        return response.statusCode() + " " + body.substring(0, Math.min(200, body.length()));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        inFlight.forEach(request -> request.orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join());
    }
}
