package io.shopscale.console.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The shop's public API, strict about what it accepts, on 127.0.0.1. Answers alternately as {@code replica-a} and
 * {@code replica-b}, and can stall all handling for a while, like {@code docker pause} on every replica.
 */
public final class FakeShop implements AutoCloseable {

    static {
        // Without it the JDK server's separate header and body writes meet Nagle's algorithm: 40 ms answers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PRODUCTS = 240;

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final AtomicLong responses = new AtomicLong();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();
    private final List<String> rejected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong orders = new AtomicLong();
    private volatile long stalledUntilNanos;

    public FakeShop() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, for {@code duration}, every request is held until the stall ends. */
    void stallFor(Duration duration) {
        stalledUntilNanos = System.nanoTime() + duration.toNanos();
    }

    long orders() {
        return orders.get();
    }

    long distinctIdempotencyKeys() {
        return idempotencyKeys.size();
    }

    /** What the shop answered with a 4xx, for assertions that the generator sends valid requests. */
    List<String> rejected() {
        return List.copyOf(rejected);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            waitOutStall();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer = answer(exchange.getRequestMethod(), exchange.getRequestURI(), exchange, body);
            if (answer.status() >= 400) {
                rejected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> " + answer.status());
            }
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    answer.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.getResponseHeaders().set("X-Served-By",
                    responses.getAndIncrement() % 2 == 0 ? "replica-a" : "replica-b");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void waitOutStall() {
        long remaining = stalledUntilNanos - System.nanoTime();
        if (remaining > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Answer(int status, String json) {
    }

    private Answer answer(String method, URI uri, HttpExchange exchange, String body) throws IOException {
        String path = uri.getPath();
        if (method.equals("POST") && path.equals("/api/sso/register")) {
            return register(JSON.readTree(body));
        }
        if (method.equals("POST") && path.equals("/api/sso/login")) {
            return login(JSON.readTree(body));
        }
        if (method.equals("GET") && path.equals("/api/catalog/products")) {
            return list(uri.getQuery());
        }
        if (method.equals("GET") && path.startsWith("/api/catalog/products/")) {
            return detail(path.substring("/api/catalog/products/".length()));
        }
        if (method.equals("POST") && path.equals("/api/orders")) {
            return order(exchange, JSON.readTree(body));
        }
        return problem(404, "no such endpoint");
    }

    private Answer register(JsonNode registration) {
        String email = registration.path("email").asText("");
        String password = registration.path("password").asText("");
        if (!email.contains("@") || registration.path("name").asText("").isBlank() || password.length() < 8
                || password.length() > 72) {
            return problem(400, "invalid registration");
        }
        if (passwords.putIfAbsent(email, password) != null) {
            return problem(409, "An account with this email already exists.");
        }
        return new Answer(201, "{\"userId\":\"" + UUID.randomUUID() + "\",\"email\":\"" + email + "\"}");
    }

    private Answer login(JsonNode login) {
        String password = passwords.get(login.path("email").asText(""));
        if (password == null || !password.equals(login.path("password").asText())) {
            return problem(401, "The email or the password is wrong.");
        }
        String token = "token-" + UUID.randomUUID();
        tokens.add(token);
        return new Answer(200, "{\"token\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}");
    }

    private Answer list(String query) {
        Map<String, String> parameters = new ConcurrentHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        int page = Integer.parseInt(parameters.getOrDefault("page", "0"));
        int size = Integer.parseInt(parameters.getOrDefault("size", "20"));
        if (page < 0 || size < 1 || size > 100) {
            return problem(400, "page or size out of range");
        }
        return new Answer(200, "{\"items\":[" + product(1 + page % PRODUCTS) + "],\"page\":" + page + ",\"size\":"
                + size + ",\"total\":" + PRODUCTS + "}");
    }

    private Answer detail(String id) {
        try {
            long productId = Long.parseLong(id);
            return productId >= 1 && productId <= PRODUCTS ? new Answer(200, product(productId))
                    : problem(404, "There is no product with id " + id + ".");
        } catch (NumberFormatException e) {
            return problem(400, "not a product id");
        }
    }

    private Answer order(HttpExchange exchange, JsonNode order) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.contains(authorization.substring("Bearer ".length()))) {
            return problem(401, "not logged in");
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            return problem(400, "Idempotency-Key is required");
        }
        JsonNode items = order.path("items");
        if (!items.isArray() || items.isEmpty() || items.size() > 50) {
            return problem(400, "items must list 1 to 50 products");
        }
        for (JsonNode item : items) {
            long productId = item.path("productId").asLong(0);
            int quantity = item.path("quantity").asInt(0);
            if (productId < 1 || productId > PRODUCTS || quantity < 1 || quantity > 100) {
                return problem(400, "bad item " + item);
            }
        }
        idempotencyKeys.add(key);
        orders.incrementAndGet();
        return new Answer(201, "{\"id\":" + orders.get() + ",\"status\":\"PLACED\"}");
    }

    private static String product(long id) {
        return "{\"id\":" + id + ",\"sku\":\"SKU-" + id + "\",\"name\":\"Classic Tent\",\"description\":\"A tent.\","
                + "\"priceCents\":4999,\"stock\":100000}";
    }

    private static Answer problem(int status, String detail) {
        return new Answer(status, "{\"title\":\"Problem\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
