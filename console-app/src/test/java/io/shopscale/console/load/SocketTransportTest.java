package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.TimeSource;

class SocketTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ShopRequest LOGIN = ShopRequest.post("/api/sso/login",
            "{\"email\":\"a@b.c\",\"password\":\"p\"}");

    private RawServer server;
    private SocketTransport transport;

    @AfterEach
    void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void writesRequestsTheWayTheShopExpects() {
        transport = new SocketTransport(LoadPlan.against(URI.create("http://127.0.0.1:8080/shop/")));
        ShopRequest order = ShopRequest.post("/api/orders", "{\"items\":[]}").withBearer("tok")
                .withIdempotencyKey("key-1");

        assertThat(new String(transport.encode(order), StandardCharsets.UTF_8)).isEqualTo(
                "POST /shop/api/orders HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: shopscale-load\r\n"
                        + "Accept: application/json, application/problem+json\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 12\r\nAuthorization: Bearer tok\r\nIdempotency-Key: key-1\r\n\r\n"
                        + "{\"items\":[]}");
        assertThat(new String(transport.encode(ShopRequest.get("/api/catalog/products/7")), StandardCharsets.UTF_8))
                .startsWith("GET /shop/api/catalog/products/7 HTTP/1.1\r\n")
                .doesNotContain("Content-Length");
    }

    @Test
    void keepsOneConnectionAlive() throws Exception {
        server = new RawServer(connection -> {
            while (connection.readRequest() != null) {
                connection.answer("HTTP/1.1 200 OK\r\nX-Served-By: a\r\nContent-Length: 2\r\n\r\nok");
            }
        });
        transport = transport(1);

        for (int i = 0; i < 5; i++) {
            assertThat(send(ShopRequest.get("/x").keepingBody())).isEqualTo(new Reply(200, "a", "ok"));
        }
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void resendsOnceWhenTheServerHadJustClosedTheIdleConnection() throws Exception {
        // Answers one request per connection but, unlike a polite server, does not say Connection: close.
        server = new RawServer(connection -> {
            if (connection.readRequest() != null) {
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        transport = transport(1);

        assertThat(send(ShopRequest.get("/first")).status()).isEqualTo(200);
        Thread.sleep(100);
        assertThat(send(ShopRequest.get("/second")).status()).isEqualTo(200);
        assertThat(server.requests()).containsExactly("GET /first HTTP/1.1", "GET /second HTTP/1.1");
    }

    @Test
    void doesNotResendWhenTheResponseHadBegun() throws Exception {
        server = new RawServer(connection -> {
            if (connection.readRequest() != null) {
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            }
        });
        transport = transport(1);

        assertThatThrownBy(() -> send(ShopRequest.get("/cut")))
                .hasCauseInstanceOf(EOFException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aSilentServerTimesOutAtTheDeadline() throws Exception {
        server = new RawServer(connection -> {
            connection.readRequest();
            Thread.sleep(5000);
        });
        transport = transport(1);

        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.send(ShopRequest.get("/slow"), Duration.ofMillis(300)).get())
                .hasCauseInstanceOf(SocketTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 2000L);
    }

    @Test
    void nothingListeningIsARefusedConnection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        transport = new SocketTransport(LoadPlan.against(URI.create("http://127.0.0.1:" + port)));

        assertThatThrownBy(() -> send(ShopRequest.get("/x"))).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void afterCloseRequestsFailInsteadOfHanging() {
        transport = new SocketTransport(LoadPlan.against(URI.create("http://127.0.0.1:9")));
        transport.close();

        assertThatThrownBy(() -> send(ShopRequest.get("/x"))).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void opensNoMoreConnectionsThanThePlanAllowsWhileThePipelineQueuesTheRest() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        server = new RawServer(connection -> {
            while (connection.readRequest() != null) {
                mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                Thread.sleep(20);
                concurrent.decrementAndGet();
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        transport = transport(3);
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        RequestPipeline pipeline = new RequestPipeline(transport, TimeSource.system(), 3, 100, TIMEOUT,
                (call, intendedNanos, outcome) -> outcomes.add(outcome));

        for (int i = 0; i < 30; i++) {
            pipeline.submit(new ScenarioCall(Scenario.DETAIL, ShopRequest.get("/x"), null), System.nanoTime());
        }

        assertThat(pipeline.awaitIdle(TIMEOUT)).isTrue();
        assertThat(outcomes).hasSize(30).allSatisfy(outcome -> assertThat(outcome.error()).isNull());
        assertThat(server.connections()).isLessThanOrEqualTo(3);
        assertThat(mostConcurrent.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void holdsNoQueueOfItsOwnSoARequestBeyondTheConnectionsFailsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = new RawServer(connection -> {
            while (connection.readRequest() != null) {
                release.await();
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        transport = transport(2);

        CompletableFuture<Reply> first = transport.send(ShopRequest.get("/1"), TIMEOUT);
        CompletableFuture<Reply> second = transport.send(ShopRequest.get("/2"), TIMEOUT);
        CompletableFuture<Reply> third = transport.send(ShopRequest.get("/3"), TIMEOUT);

        assertThatThrownBy(third::get).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 2 connections are busy");
        // A sender is idle again before its reply completes, so whoever sees a reply may send the next at once.
        CompletableFuture<Reply> next = first.thenCompose(reply -> transport.send(ShopRequest.get("/4"), TIMEOUT));
        release.countDown();
        assertThat(second.get().status()).isEqualTo(200);
        assertThat(next.get().status()).isEqualTo(200);
        assertThat(server.requests()).containsExactlyInAnyOrder("GET /1 HTTP/1.1", "GET /2 HTTP/1.1",
                "GET /4 HTTP/1.1");
    }

    @Test
    void conflictingContentLengthsAreAProtocolErrorAndTheConnectionIsClosed() throws Exception {
        CountDownLatch clientClosed = new CountDownLatch(1);
        server = new RawServer(connection -> {
            if (connection.readRequest() != null) {
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 12\r\n\r\nok");
                if (connection.readRequest() == null) {
                    clientClosed.countDown();
                }
            }
        });
        transport = transport(1);

        assertThatThrownBy(() -> send(ShopRequest.get("/smuggled"))).hasCauseInstanceOf(ProtocolException.class)
                .hasMessageContaining("conflicting Content-Length values: 2 and 12");
        assertThat(clientClosed.await(5, TimeUnit.SECONDS)).as("the client closed the connection").isTrue();
        assertThat(server.requests()).containsExactly("GET /smuggled HTTP/1.1");
    }

    @Test
    void aResponseAlreadyBufferedWhenTheConnectionBrokeCountsAsStartedAndIsNotResent() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        server = new RawServer(connection -> {
            if (accepted.incrementAndGet() > 1) {
                // Any resend lands here and would succeed: the test must not see it.
                while (connection.readRequest() != null) {
                    connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                }
                return;
            }
            connection.readRequest();
            // The first answer and the start of the next one arrive together, in one read of the client.
            connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            connection.readRequest();
            // Then the connection breaks before the rest of the second answer.
        });
        transport = transport(1);

        assertThat(send(ShopRequest.get("/first")).status()).isEqualTo(200);
        assertThatThrownBy(() -> send(ShopRequest.get("/second"))).hasCauseInstanceOf(EOFException.class)
                .hasMessageContaining("in the middle of a response");
        assertThat(server.requests()).containsExactly("GET /first HTTP/1.1", "GET /second HTTP/1.1");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aPostWithoutAnIdempotencyKeyGoesOnAFreshConnectionNotOnOneTheServerClosedWhileIdle() throws Exception {
        // Answers one request per connection and closes it without saying Connection: close, as nginx closes its
        // idle connections when it reloads.
        server = new RawServer(connection -> {
            if (connection.readRequest() != null) {
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        transport = transport(1);

        assertThat(send(ShopRequest.get("/first")).status()).isEqualTo(200);
        Thread.sleep(100);
        assertThat(send(LOGIN).status()).isEqualTo(200);
        assertThat(server.requests()).containsExactly("GET /first HTTP/1.1", "POST /api/sso/login HTTP/1.1");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsNeverResentAfterAConnectionFailure() throws Exception {
        // Reads each request and closes the connection without an answer.
        server = new RawServer(Conversation::readRequest);
        transport = transport(1);

        assertThatThrownBy(() -> send(LOGIN)).hasCauseInstanceOf(EOFException.class)
                .hasMessageContaining("before any response");
        assertThat(server.requests()).containsExactly("POST /api/sso/login HTTP/1.1");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsResentOnceLikeAGet() throws Exception {
        server = new RawServer(connection -> {
            if (connection.readRequest() != null) {
                connection.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        transport = transport(1);
        ShopRequest order = ShopRequest.post("/api/orders", "{\"items\":[]}").withIdempotencyKey("key-1");

        assertThat(send(ShopRequest.get("/first")).status()).isEqualTo(200);
        Thread.sleep(100);
        assertThat(send(order).status()).isEqualTo(200);
        assertThat(server.requests()).containsExactly("GET /first HTTP/1.1", "POST /api/orders HTTP/1.1");
        assertThat(server.connections()).isEqualTo(2);
    }

    private SocketTransport transport(int connections) {
        return new SocketTransport(LoadPlan.against(server.address()).withConnections(connections));
    }

    private Reply send(ShopRequest request) throws ExecutionException, InterruptedException {
        return transport.send(request, TIMEOUT).get();
    }

    interface ConnectionScript {
        void serve(Conversation connection) throws Exception;
    }

    /** One accepted connection, as a script sees it. */
    private record Conversation(Socket socket, List<String> requests) {

        /** The request line, after reading the head and any Content-Length body; null at the end of the stream. */
        String readRequest() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int next = in.read();
                if (next < 0) {
                    return null;
                }
                head.write(next);
                matched = (next == '\r' && matched % 2 == 0) || (next == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String lower = text.toLowerCase(Locale.ROOT);
            int length = lower.contains("content-length: ")
                    ? Integer.parseInt(lower.split("content-length: ")[1].split("\r\n")[0]) : 0;
            in.readNBytes(length);
            String requestLine = text.substring(0, text.indexOf("\r\n"));
            requests.add(requestLine);
            return requestLine;
        }

        void answer(String response) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** Runs a script per accepted connection and records request lines, on 127.0.0.1. */
    private static final class RawServer implements AutoCloseable {

        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> requests = new CopyOnWriteArrayList<>();

        RawServer(ConnectionScript script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.incrementAndGet();
                        Thread handler = new Thread(() -> {
                            try (connection) {
                                script.serve(new Conversation(connection, requests));
                            } catch (Exception e) {
                                // The test decides what a broken connection means.
                            }
                        });
                        handler.setDaemon(true);
                        handler.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI address() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        int connections() {
            return connections.get();
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
