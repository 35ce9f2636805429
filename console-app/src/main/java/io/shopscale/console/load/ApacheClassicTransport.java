package io.shopscale.console.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's classic (blocking) client, run like {@link SocketTransport}: up to {@code connections}
 * threads, each blocking for one exchange at a time, over a pool of at most {@code connections} HTTP/1.1
 * connections. Only {@link GeneratorBenchmark} uses it, to weigh the library's CPU per request against the
 * hand-written client's. The timeout is the library's response timeout (no byte for that long), not a deadline
 * over the whole exchange.
 */
final class ApacheClassicTransport implements Transport {

    private final CloseableHttpClient client;
    private final ExecutorService senders;
    private final String base;

    ApacheClassicTransport(LoadPlan plan) {
        this.base = base(plan.target());
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(plan.connections())
                        .setMaxConnPerRoute(plan.connections())
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                        .build())
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        senders = Executors.newFixedThreadPool(plan.connections(), runnable -> {
            Thread thread = new Thread(runnable, "shopscale-load-apache-classic");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The target without a trailing slash, so that a request's path can follow it. */
    static String base(URI target) {
        String text = target.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public CompletableFuture<Reply> send(ShopRequest request, Duration timeout) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(),
                URI.create(base + request.pathAndQuery()));
        message.setHeader("Accept", "application/json, application/problem+json");
        message.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        if (request.jsonBody() != null) {
            message.setEntity(new StringEntity(request.jsonBody(), ContentType.APPLICATION_JSON));
        }
        if (request.bearerToken() != null) {
            message.setHeader("Authorization", "Bearer " + request.bearerToken());
        }
        if (request.idempotencyKey() != null) {
            message.setHeader("Idempotency-Key", request.idempotencyKey());
        }
        try {
            senders.execute(() -> exchange(message, request.keepsBody(), reply));
        } catch (RejectedExecutionException e) {
            reply.completeExceptionally(new IOException("the load generator's connections are closed", e));
        }
        return reply;
    }

    private void exchange(HttpUriRequestBase message, boolean keepsBody, CompletableFuture<Reply> reply) {
        try {
            reply.complete(client.execute(message, response -> {
                Header replica = response.getFirstHeader(ReplicaHeader.NAME);
                boolean keep = keepsBody || response.getCode() >= 400;
                String body = null;
                if (keep && response.getEntity() != null) {
                    body = EntityUtils.toString(response.getEntity());
                } else {
                    EntityUtils.consume(response.getEntity());
                }
                return new Reply(response.getCode(), replica == null ? null : ReplicaHeader.clean(replica.getValue()),
                        body, response.containsHeader("Retry-After"));
            }));
        } catch (IOException | RuntimeException e) {
            reply.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }
}
