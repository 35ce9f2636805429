package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.NginxStatus;
import io.shopscale.console.metrics.Sample;

/** Against a local server that answers as nginx's status server does. */
class NginxStatusPollerTest {

    private static final String PAGE = """
            Active connections: 3
            server accepts handled requests
             10 10 42
            Reading: 0 Writing: 1 Waiting: 2
            """;

    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 10);
    private final ConcurrentLinkedQueue<String> pages = new ConcurrentLinkedQueue<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final CountDownLatch thirdPoll = new CountDownLatch(3);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void eachPollLandsInTheHub() throws Exception {
        serve(List.of(PAGE, PAGE, PAGE));

        try (NginxStatusPoller poller = NginxStatusPoller.start(statusPage(), hub)) {
            // One thread polls, so once the third request arrives the first two have been recorded.
            assertThat(thirdPoll.await(5, TimeUnit.SECONDS)).isTrue();
        }
        time.advanceMillis(1000);

        Sample sample = hub.latest().orElseThrow();
        assertThat(sample.nginx()).isNotNull();
        assertThat(sample.nginx().status()).isEqualTo(new NginxStatus(3, 10, 10, 42, 0, 1, 2));
    }

    @Test
    void aPageThatIsNotStubStatusIsSkippedAndPollingGoesOn() throws Exception {
        serve(List.of("<html>502 Bad Gateway</html>", PAGE, PAGE));

        try (NginxStatusPoller poller = NginxStatusPoller.start(statusPage(), hub)) {
            assertThat(thirdPoll.await(5, TimeUnit.SECONDS)).isTrue();
        }
        time.advanceMillis(1000);

        assertThat(hub.latest().orElseThrow().nginx().status().requests()).isEqualTo(42);
    }

    @Test
    void closingStopsThePolling() throws Exception {
        serve(List.of(PAGE));
        NginxStatusPoller poller = NginxStatusPoller.start(statusPage(), hub);
        assertThat(thirdPoll.await(5, TimeUnit.SECONDS)).isTrue();

        poller.close();
        int pollsWhenClosed = polls.get();
        Thread.sleep(2 * NginxStatusPoller.INTERVAL.toMillis());

        assertThat(polls.get()).isEqualTo(pollsWhenClosed);
    }

    /** Answers with the pages in turn, the last one again and again. */
    private void serve(List<String> answers) throws IOException {
        pages.addAll(answers);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(StackMonitor.STATUS_PATH, this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String page = pages.size() > 1 ? pages.poll() : pages.peek();
        polls.incrementAndGet();
        thirdPoll.countDown();
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private URI statusPage() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + StackMonitor.STATUS_PATH);
    }
}
