package io.shopscale.kit.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shopscale.kit.security.InternalCredential;
import io.shopscale.kit.web.DependencyUnavailable;
import io.shopscale.kit.web.RunningRequests;
import io.shopscale.kit.web.ShopProblem;

/**
 * An HTTP client for one other service, used where the monolith would call a bean. A problem from the other side
 * comes back as the same {@link ShopProblem}; a service that cannot be reached is a {@link DependencyUnavailable}
 * that says whether the request may have been carried out.
 */
public final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** More than the connections a replica keeps to the gateway at once, so a reload cannot use them all up. */
    static final int MAX_ATTEMPTS = 16;

    private final String service;
    private final RestClient rest;

    /**
     * @param credential sent with every call, so that the other service's {@code /internal} paths let it through
     */
    public ServiceClient(String service, String baseUrl, InternalCredential credential, Duration connectTimeout,
            Duration readTimeout) {
        this.service = service;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        // Buffered, so bodies go out with a Content-Length rather than chunked.
        this.rest = RestClient.builder().baseUrl(baseUrl)
                .defaultHeader(InternalCredential.HEADER, credential.token())
                .requestFactory(new BufferingClientHttpRequestFactory(factory)).build();
    }

    /**
     * Every call the services make to each other is idempotent by a key in its body (a reservation, a charge, an
     * event id), so a call whose connection closed before any answer is sent again on another connection. That
     * happens when the gateway reloads: nginx closes its idle keep-alive connections, and a call that went out on
     * one of them at that moment was never read. One reload can close every pooled connection, hence several tries.
     */
    public <T> T post(String path, Object body, Class<T> answer) {
        RunningRequests.giveUpPlace();
        for (int attempt = 1; ; attempt++) {
            try {
                return rest.post().uri(path).body(body)
                        .retrieve()
                        .onStatus(HttpStatusCode::isError, (request, response) -> {
                            throw problemFrom(response.getStatusCode(), response.getBody().readAllBytes());
                        })
                        .body(answer);
            } catch (ResourceAccessException e) {
                if (attempt < MAX_ATTEMPTS && closedBeforeAnswer(e)) {
                    continue;
                }
                boolean neverSent = causedBy(e, ConnectException.class)
                        || causedBy(e, HttpConnectTimeoutException.class);
                throw new DependencyUnavailable("The " + service + " service "
                        + (neverSent ? "cannot be reached" : "did not answer in time") + ". Try again shortly.",
                        !neverSent);
            }
        }
    }

    /** The JDK's client says so when a connection ended before the first byte of a response. */
    private static boolean closedBeforeAnswer(ResourceAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException || String.valueOf(cause.getMessage()).contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    private ShopProblem problemFrom(HttpStatusCode status, byte[] body) {
        JsonNode problem = parse(body);
        String detail = text(problem, "detail");
        HttpStatus known = HttpStatus.resolve(status.value());
        if (status.is4xxClientError() && known != null) {
            return new ShopProblem(known, text(problem, "title").isEmpty() ? known.getReasonPhrase()
                    : text(problem, "title"), detail);
        }
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && !detail.isEmpty()) {
            // The other side said it did nothing (its own problem detail); pass its words on.
            return new DependencyUnavailable(detail, false);
        }
        return new DependencyUnavailable("The " + service + " service failed (HTTP " + status.value() + ")"
                + (detail.isEmpty() ? "" : ": " + detail), true);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : "";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
