package io.shopscale.console.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Steady traffic for end-to-end tests: a fixed rate of catalog reads and order placements sent through nginx,
 * counting what failed and which replica served what. Orders that fail are retried with the same
 * Idempotency-Key, as a careful client does, so the test can check that none is lost or doubled. Like a crowd of
 * browsers, it keeps a bounded number of requests in flight; the others wait their turn on the client side rather
 * than opening ever more connections to a shop that is busy.
 */
final class SteadyTraffic implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 32;
    static final int ORDER_ATTEMPTS = 6;
    /** Resends of one request whose connection closed unread; more than the pool ever holds stale at once. */
    static final int MAX_RESENDS = MAX_IN_FLIGHT;

    private final URI base;
    private final List<String> tokens;
    private final double orderShare;
    /** For traffic that reaches every service; null for catalog reads only. */
    private final Reader reader;
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
    /** When each replica first answered. */
    final Map<String, Instant> firstAnswer = new ConcurrentHashMap<>();
    /** The longest a read took from its planned start to its answer, waiting for a slot included. */
    final AtomicLong slowestReadMillis = new AtomicLong();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    /** Idempotency-Key to the order id it finally placed (or "lost" if every retry failed). */
    final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private final Queue<CompletableFuture<Void>> waitingForSlot = new ConcurrentLinkedQueue<>();

    /** Reads of the catalog only: the paths the monolith's scaling tests have always sent. */
    SteadyTraffic(URI base, List<String> tokens, int ratePerSecond, double orderShare) {
        this(base, tokens, ratePerSecond, orderShare, null);
    }

    /**
     * Reads of every service: mostly the catalog, and also a shopper's orders and notifications (orders' and
     * notifications' replicas) and logins (sso's); orders reach payments through the internal listener.
     */
    static SteadyTraffic everyService(URI base, List<String> tokens, int ratePerSecond, double orderShare) {
        return new SteadyTraffic(base, tokens, ratePerSecond, orderShare, Reader.register(base));
    }

    private SteadyTraffic(URI base, List<String> tokens, int ratePerSecond, double orderShare, Reader reader) {
        this.base = base;
        this.tokens = tokens;
        this.orderShare = orderShare;
        this.reader = reader;
        long periodMicros = 1_000_000L / ratePerSecond;
        ticker.scheduleAtFixedRate(this::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    long failed() {
        return readFailures.get() + orderFailures.get();
    }

    long total() {
        return reads.get() + orderAttempts.get();
    }

    /** How many requests each replica answered since the last {@link #resetServedBy}. */
    Map<String, Long> shares() {
        return servedBy.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    void resetServedBy() {
        servedBy.clear();
    }

    private void sendOne() {
        if (ThreadLocalRandom.current().nextDouble() < orderShare) {
            String key = UUID.randomUUID().toString();
            String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
            long product = 1 + ThreadLocalRandom.current().nextInt(240);
            track(placeOrder(key, token, product, 1));
        } else {
            track(read());
        }
    }

    private CompletableFuture<?> read() {
        HttpRequest request = reader == null ? catalogRead() : reader.read(base, catalogRead());
        reads.incrementAndGet();
        long planned = System.nanoTime();
        return sendOnce(request).handle((response, error) -> {
            slowestReadMillis.accumulateAndGet((System.nanoTime() - planned) / 1_000_000, Math::max);
            if (error != null || response.statusCode() != 200) {
                readFailures.incrementAndGet();
                failures.add("read: " + describe(response, error));
            } else {
                count(response);
            }
            return null;
        });
    }

    private HttpRequest catalogRead() {
        int page = ThreadLocalRandom.current().nextInt(10);
        return HttpRequest.newBuilder(base.resolve("/api/catalog/products?size=10&page=" + page))
                .timeout(Duration.ofSeconds(15)).build();
    }

    /** A shopper of its own with one order and so one notification, so that reading them stays small. */
    private record Reader(String email, String token) {

        static Reader register(URI base) {
            String email = "reader-" + UUID.randomUUID() + "@example.test";
            String token = Shop.shopper(base, email);
            HttpResponse<String> order = Shop.post(base.resolve("/api/orders"),
                    "{\"items\":[{\"productId\":3,\"quantity\":1}]}", "Authorization", "Bearer " + token,
                    "Idempotency-Key", UUID.randomUUID().toString());
            if (order.statusCode() != 201) {
                throw new AssertionError("the reader's order was refused: " + order.body());
            }
            return new Reader(email, token);
        }

        HttpRequest read(URI base, HttpRequest catalogRead) {
            double pick = ThreadLocalRandom.current().nextDouble();
            if (pick < 0.65) {
                return catalogRead;
            }
            if (pick < 0.95) {
                String path = pick < 0.8 ? "/api/orders" : "/api/notifications";
                return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token).build();
            }
            return HttpRequest.newBuilder(base.resolve("/api/sso/login")).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"" + email + "\",\"password\":\"s3cret-pass\"}"))
                    .build();
        }
    }

    /** Every attempt with one key sends the same order: the shop refuses a key reused for a different one. */
    private CompletableFuture<Void> placeOrder(String key, String token, long product, int attempt) {
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
            return retry(key, token, product, attempt, describe(response, null));
        }).exceptionallyCompose(error -> retry(key, token, product, attempt, describe(null, error)));
    }

    /**
     * Sends a request, and sends it again at once if the connection it went out on was closed before any byte of
     * an answer came back: nginx closes idle keep-alive connections when it reloads, and a request that crossed
     * that close was never read. Browsers resend in this case too (RFC 9112, 9.3.1). One reload closes every idle
     * connection of the old workers, so the client's pool may hand out several such connections in a row.
     */
    private CompletableFuture<HttpResponse<String>> sendOnce(HttpRequest request) {
        return slot().thenCompose(ignored -> send(request, 0).whenComplete((response, error) -> freeSlot()));
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request, int resends) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).exceptionallyCompose(error -> {
            if (resends < MAX_RESENDS && String.valueOf(error.getMessage()).contains("received no bytes")) {
                resent.incrementAndGet();
                return send(request, resends + 1);
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    private CompletableFuture<Void> slot() {
        if (slots.tryAcquire()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waitingForSlot.add(turn);
        // A slot freed between the failed try and the queueing would otherwise go unused.
        if (slots.tryAcquire()) {
            freeSlot();
        }
        return turn;
    }

    /** Hands the slot to the longest waiting request, or back to the pool. */
    private void freeSlot() {
        CompletableFuture<Void> next = waitingForSlot.poll();
        if (next == null) {
            slots.release();
        } else {
            next.completeAsync(() -> null);
        }
    }

    /**
     * Tries again after a second, up to {@link #ORDER_ATTEMPTS} attempts: enough to outlast the claim of an attempt
     * whose replica died while placing it, which another replica takes over once its lease ends.
     */
    private CompletableFuture<Void> retry(String key, String token, long product, int attempt, String why) {
        orderFailures.incrementAndGet();
        failures.add("order attempt " + attempt + ": " + why);
        if (attempt >= ORDER_ATTEMPTS) {
            orders.put(key, "lost");
            return CompletableFuture.<Void>completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                .thenCompose(ignored -> placeOrder(key, token, product, attempt + 1));
    }

    private void count(HttpResponse<String> response) {
        String replica = response.headers().firstValue("X-Served-By").orElse("?");
        servedBy.computeIfAbsent(replica, any -> new AtomicLong()).incrementAndGet();
        firstAnswer.putIfAbsent(replica, Instant.now());
    }

    private void track(CompletableFuture<?> request) {
        inFlight.add(request);
        inFlight.removeIf(CompletableFuture::isDone);
    }

    /**
     * A failure's kind, so that one red run says what happened: the exception, or the status with the replica that
     * answered ({@code X-Served-By}) and every replica nginx tried ({@code X-Upstream}), and the body's start.
     */
    static String describe(HttpResponse<String> response, Throwable error) {
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return cause.getClass().getSimpleName() + " " + cause.getMessage();
        }
        String body = response.body();
        return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("-")
                + " from " + response.headers().firstValue("X-Served-By").orElse("nginx")
                + " (tried " + response.headers().firstValue("X-Upstream").orElse("none") + "): "
                + body.substring(0, Math.min(200, body.length()));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        inFlight.forEach(request -> request.orTimeout(120, TimeUnit.SECONDS).exceptionally(e -> null).join());
    }
}
