package io.shopscale.contract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shopscale.kit.security.InternalCredential;

/** Speaks the shop's public HTTP API the way the storefront and the load generator do. */
final class ShopClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final RunningShop shop;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    ShopClient(RunningShop shop) {
        this.shop = shop;
    }

    record Reply(int status, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String body() {
            return response.body();
        }

        @Override
        public String toString() {
            return status + " " + response.body();
        }
    }

    Request get(String path) {
        return new Request("GET", path, null);
    }

    Request post(String path, Object body) {
        return new Request("POST", path, body instanceof String text ? text : write(body));
    }

    Request put(String path, Object body) {
        return new Request("PUT", path, write(body));
    }

    final class Request {

        private final String method;
        private final String path;
        private final String body;
        private final List<String> headers = new ArrayList<>();
        private boolean chunked;

        private Request(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        /** Sends the body without a Content-Length, as streaming clients do. */
        Request chunked() {
            chunked = true;
            return this;
        }

        Request token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** Carries the stack's internal credential, as the shop's own services do on {@code /internal} paths. */
        Request internal() {
            return header(InternalCredential.HEADER, shop.internalToken());
        }

        private HttpRequest.BodyPublisher publisher() {
            if (body == null) {
                return HttpRequest.BodyPublishers.noBody();
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes);
        }

        Reply send() {
            URI uri = shop.uri(path);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, publisher());
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.size(); i += 2) {
                builder.header(headers.get(i), headers.get(i + 1));
            }
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response);
            } catch (IOException e) {
                throw new AssertionError(method + " " + uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
