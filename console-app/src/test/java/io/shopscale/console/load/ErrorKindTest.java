package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class ErrorKindTest {

    @Test
    void classifiesWhatSendingThrowsThroughTheAsyncWrapper() {
        assertThat(ErrorKind.of(new CompletionException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo(ErrorKind.TIMEOUT);
        assertThat(ErrorKind.of(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo(ErrorKind.CONNECTION_REFUSED);
        assertThat(ErrorKind.of(new CompletionException(new EOFException("connection closed before any response"))))
                .isEqualTo(ErrorKind.IO);
        assertThat(ErrorKind.of(new ProtocolException("not an HTTP/1.x status line"))).isEqualTo(ErrorKind.IO);
        assertThat(ErrorKind.of(new CompletionException(new IllegalStateException("bug"))))
                .isEqualTo(ErrorKind.OTHER);
    }

    /** The gateway's answer when every replica is at its limit, as nginx sends it. */
    @Test
    void aServiceUnavailableWithRetryAfterIsSheddingAndCountsApartFromOther503s() throws IOException {
        String shed = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
                + "Retry-After: 1\r\nContent-Length: 2\r\n\r\n{}";
        String noReplica = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
                + "Content-Length: 2\r\n\r\n{}";

        assertThat(classify(shed)).isEqualTo(ErrorKind.SHED).hasToString("shed");
        assertThat(classify(noReplica)).isEqualTo(ErrorKind.http(503)).hasToString("http 503");
        assertThat(ErrorKind.answer(429, true)).as("only a 503 is shedding").isEqualTo(ErrorKind.http(429));
        assertThat(ErrorKind.SHED.isClientError()).isFalse();
    }

    private static ErrorKind classify(String response) throws IOException {
        ResponseReader.Response read = new ResponseReader(
                new java.io.ByteArrayInputStream(response.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .read(false);
        return Outcome.answered(1, new Reply(read.status(), read.replica(), read.body(), read.retryAfter())).error();
    }

    @Test
    void aConnectTimeoutIsATimeoutNotARefusal() {
        assertThat(ErrorKind.of(new SocketTimeoutException("Connect timed out"))).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void aRefusalWrappedInAnIoExceptionIsStillARefusal() {
        assertThat(ErrorKind.of(new IOException("send failed", new ConnectException("Connection refused"))))
                .isEqualTo(ErrorKind.CONNECTION_REFUSED);
    }

    @Test
    void httpErrorsAreNamedByStatus() {
        assertThat(ErrorKind.http(503).label()).isEqualTo("http 503");
        assertThat(ErrorKind.http(503)).isEqualTo(ErrorKind.http(503));
        assertThat(ErrorKind.http(404).isClientError()).isTrue();
        assertThat(ErrorKind.http(502).isClientError()).isFalse();
        assertThat(ErrorKind.TIMEOUT.isClientError()).isFalse();
    }
}
