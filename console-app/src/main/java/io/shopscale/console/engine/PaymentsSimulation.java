package io.shopscale.console.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The payments module's simulated provider, set through the stack's own path to it: {@code PUT
 * /internal/payments/simulation} on nginx's internal listener (port 8082 on the stack's network, never published),
 * with the stack's internal credential, which that path requires. The setting lives in the payments table
 * {@code payments.simulation}, so every replica of either mode charges with it.
 */
final class PaymentsSimulation {

    static final String PATH = "/internal/payments/simulation";
    /** The header the services' internal paths read the credential from ({@code InternalCredential.HEADER}). */
    static final String CREDENTIAL_HEADER = "X-Shop-Internal-Token";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI endpoint;
    private final String credential;

    /** @param nginxAddress nginx's address on the stack's network */
    PaymentsSimulation(String nginxAddress, byte[] credential) {
        this.endpoint = URI.create("http://" + nginxAddress + ":" + ContainerSpecs.INTERNAL_GATEWAY_PORT + PATH);
        this.credential = new String(credential, StandardCharsets.US_ASCII).strip();
    }

    /**
     * Every charge waits {@code latency}, then fails with probability {@code failureRate}.
     *
     * @throws IllegalStateException when the shop did not take it (its answer, or why none came)
     */
    void set(Duration latency, double failureRate) {
        String body = String.format(Locale.ROOT, "{\"latencyMs\":%d,\"failureRate\":%s}", latency.toMillis(),
                Double.toString(failureRate));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header(CREDENTIAL_HEADER, credential)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("The payments simulation was not changed: " + PATH + " answered "
                        + response.statusCode() + " " + response.body().strip()
                        + ". Is a payments replica ready? (shopctl status)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("The payments simulation was not changed: nginx's internal listener at "
                    + endpoint.getAuthority() + " did not answer (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while changing the payments simulation", e);
        }
    }
}
