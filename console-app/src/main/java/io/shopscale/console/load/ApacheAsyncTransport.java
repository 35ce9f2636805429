package io.shopscale.console.load;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's async client (an I/O reactor with one thread per core, a pool of at most
 * {@code connections} HTTP/1.1 connections), behind the generator's {@link Transport}: only
 * {@link GeneratorBenchmark} uses it, to weigh the library's CPU per request against {@link SocketTransport}'s.
 * Bodies are buffered whole ({@code SimpleHttpResponse}); the timeout is the library's response timeout (no byte
 * for that long), not a deadline over the whole exchange.
 */
final class ApacheAsyncTransport implements Transport {

    private final CloseableHttpAsyncClient client;
    private final String base;

    ApacheAsyncTransport(LoadPlan plan) {
        this.base = ApacheClassicTransport.base(plan.target());
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(plan.connections())
                        .setMaxConnPerRoute(plan.connections())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Runtime.getRuntime().availableProcessors())
                        .setTcpNoDelay(true)
                        .build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAuthCaching()
                .build();
        client.start();
    }

    @Override
    public CompletableFuture<Reply> send(ShopRequest request, Duration timeout) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(request.method())
                .setUri(URI.create(base + request.pathAndQuery()))
                .setHeader("Accept", "application/json, application/problem+json")
                .setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        if (request.jsonBody() != null) {
            builder.setBody(request.jsonBody(), ContentType.APPLICATION_JSON);
        }
        if (request.bearerToken() != null) {
            builder.setHeader("Authorization", "Bearer " + request.bearerToken());
        }
        if (request.idempotencyKey() != null) {
            builder.setHeader("Idempotency-Key", request.idempotencyKey());
        }
        SimpleHttpRequest message = builder.build();
        client.execute(message, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                Header replica = response.getFirstHeader(ReplicaHeader.NAME);
                boolean keep = request.keepsBody() || response.getCode() >= 400;
                reply.complete(new Reply(response.getCode(),
                        replica == null ? null : ReplicaHeader.clean(replica.getValue()),
                        keep ? response.getBodyText() : null, response.containsHeader("Retry-After")));
            }

            @Override
            public void failed(Exception failure) {
                reply.completeExceptionally(failure);
            }

            @Override
            public void cancelled() {
                reply.cancel(false);
            }
        });
        return reply;
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
