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
