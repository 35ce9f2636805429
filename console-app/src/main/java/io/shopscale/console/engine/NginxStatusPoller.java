package io.shopscale.console.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.NginxStatus;

/**
 * Reads nginx's {@code stub_status} page once a second into a {@link MetricsHub}. A poll that fails (nginx
 * restarting, a page that is not stub_status) is skipped; the hub stops showing figures that have gone stale.
 */
final class NginxStatusPoller implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Shorter than the interval, so a hung nginx never stacks polls up. */
    static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final int MAX_PAGE_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(NginxStatusPoller.class);

    private final URI statusPage;
    private final MetricsHub hub;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "shopscale-nginx-status");
        thread.setDaemon(true);
        return thread;
    });

    private NginxStatusPoller(URI statusPage, MetricsHub hub) {
        this.statusPage = statusPage;
        this.hub = hub;
    }

    /** @param statusPage such as {@code http://172.29.200.4:8081/nginx_status} */
    static NginxStatusPoller start(URI statusPage, MetricsHub hub) {
        NginxStatusPoller poller = new NginxStatusPoller(statusPage, hub);
        poller.poller.scheduleAtFixedRate(poller::poll, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return poller;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            hub.recordNginxStatus(NginxStatus.parse(read()));
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("no nginx status from {}: {}", statusPage, e.toString());
        }
    }

    private String read() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) statusPage.toURL().openConnection();
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        try {
            if (connection.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + connection.getResponseCode());
            }
            try (InputStream body = connection.getInputStream()) {
                return new String(body.readNBytes(MAX_PAGE_BYTES), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }
}
