package io.shopscale.kit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.shopscale.kit.security.InternalCredential;
import io.shopscale.kit.web.DependencyUnavailable;

/** Against a socket server that closes some connections without answering, as nginx does to idle ones on reload. */
class ServiceClientTest {

    private static final InternalCredential CREDENTIAL = new InternalCredential("stack-secret");

    private ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> credentials = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aCallWhoseConnectionClosedBeforeAnyAnswerIsSentAgain() throws IOException {
        serve(3);
        ServiceClient client = new ServiceClient("payments", url(), CREDENTIAL, Duration.ofSeconds(2),
                Duration.ofSeconds(5));

        Map<?, ?> answer = client.post("/internal/payments/charges", Map.of("key", "k-1"), Map.class);

        assertThat(answer.get("id")).isEqualTo("charge-1");
        assertThat(requests).hasValue(4);
        assertThat(credentials).as("each attempt carries the internal credential").hasSize(4)
                .containsOnly(CREDENTIAL.token());
    }

    @Test
    void aServiceThatNeverAnswersIsUnavailableWithAnUnknownOutcome() throws IOException {
        serve(Integer.MAX_VALUE);
        ServiceClient client = new ServiceClient("payments", url(), CREDENTIAL, Duration.ofSeconds(2),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.post("/internal/payments/charges", Map.of("key", "k-1"), Map.class))
                .isInstanceOfSatisfying(DependencyUnavailable.class, e -> assertThat(e.outcomeUnknown()).isTrue())
                .hasMessageContaining("payments");
        assertThat(requests).as("every attempt of the budget was made, and no more")
                .hasValue(ServiceClient.MAX_ATTEMPTS);
    }

    /** Reads each request whole; closes the first {@code unanswered} connections without a byte, answers the rest. */
    private void serve(int unanswered) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    readRequest(socket);
                    if (requests.incrementAndGet() <= unanswered) {
                        continue;
                    }
                    byte[] body = "{\"id\":\"charge-1\"}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private void readRequest(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith(InternalCredential.HEADER.toLowerCase() + ":")) {
                credentials.add(line.substring(InternalCredential.HEADER.length() + 1).strip());
            }
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        in.skip(length);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }
}
