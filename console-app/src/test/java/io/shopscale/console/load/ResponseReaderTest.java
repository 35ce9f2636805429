package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    @Test
    void readsAContentLengthResponseAndItsReplica() throws IOException {
        ResponseReader.Response response = reader("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "X-Served-By: shop-catalog-2\r\nContent-Length: 13\r\n\r\n{\"token\":\"t\"}").read(true);

        assertThat(response)
                .isEqualTo(new ResponseReader.Response(200, "shop-catalog-2", "{\"token\":\"t\"}", true, false));
    }

    @Test
    void skipsTheBodyOfASuccessUnlessAskedButKeepsAnErrorsBody() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                + "HTTP/1.1 404 Not Found\r\ncontent-length: 16\r\n\r\n{\"detail\":\"no\"}\n");

        assertThat(reader.read(false).body()).isNull();
        assertThat(reader.read(false)).satisfies(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"no\"}\n");
        });
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\n{\"id\r\n9\r\n\":42,\"x\":\r\n2\r\n1}\r\n0\r\nTrailer: yes\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(reader.read(true).body()).isEqualTo("{\"id\":42,\"x\":1}");
        assertThat(reader.read(true).status()).isEqualTo(204);
    }

    @Test
    void aResponseWithoutLengthEndsWithTheConnectionWhichIsThenSpent() throws IOException {
        ResponseReader.Response response = reader("HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\n\r\n<html>502</html>")
                .read(false);

        assertThat(response.body()).isEqualTo("<html>502</html>");
        assertThat(response.reusable()).isFalse();
    }

    @Test
    void connectionCloseAndHttp10EndReuse() throws IOException {
        assertThat(reader("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").read(false).reusable())
                .isFalse();
        assertThat(reader("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").read(false).reusable()).isFalse();
        assertThat(reader("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").read(false)
                .reusable()).isTrue();
    }

    @Test
    void skipsInterimResponses() throws IOException {
        ResponseReader.Response response = reader("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").read(true);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void keepsAtMostTheLimitOfALongBodyButReadsPastAllOfIt() throws IOException {
        int length = ResponseReader.MAX_KEPT_BODY_BYTES + 1000;
        ResponseReader reader = reader("HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + length + "\r\n\r\n"
                + "x".repeat(length) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(reader.read(false).body()).hasSize(ResponseReader.MAX_KEPT_BODY_BYTES);
        assertThat(reader.read(false).status()).isEqualTo(200);
    }

    @Test
    void survivesResponsesArrivingOneByteAtATime() throws IOException {
        byte[] bytes = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Served-By: a\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(1, length));
            }
        };

        assertThat(new ResponseReader(trickle).read(true))
                .isEqualTo(new ResponseReader.Response(200, "a", "abc", true, false));
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertThatThrownBy(() -> reader("SSH-2.0-OpenSSH_9.2\r\n\r\n").read(false))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("not an HTTP/1.x status line");
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n").read(false))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").read(false))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("chunk size");
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nX-Big: " + "y".repeat(70_000) + "\r\n\r\n").read(false))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("response head longer than");
    }

    @Test
    void aContentLengthRepeatedWithOneValueIsThatValueButTwoValuesAreRefused() throws IOException {
        assertThat(reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok").read(true).body())
                .isEqualTo("ok");
        assertThat(reader("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok").read(true).body()).isEqualTo("ok");
        assertThatThrownBy(() -> reader("HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok!").read(true))
                .isInstanceOf(ProtocolException.class).hasMessage("conflicting Content-Length values: 2 and 3");
    }

    @Test
    void bytesAlreadyBufferedCountAsAStartedResponse() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        reader.read(false);

        assertThatThrownBy(() -> reader.read(false)).isInstanceOf(EOFException.class)
                .hasMessage("connection closed in the middle of a response");
        assertThat(reader.hasReadAnything()).isTrue();
    }

    @Test
    void aNewExchangeStartsUnstartedUnlessBytesAreBuffered() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        reader.read(false);
        assertThat(reader.hasReadAnything()).isTrue();

        reader.expectResponse();

        assertThat(reader.hasReadAnything()).as("the previous response's bytes do not count").isFalse();
    }

    @Test
    void tellsAConnectionClosedBeforeAnyByteFromOneClosedMidway() throws IOException {
        ResponseReader silent = reader("");
        assertThatThrownBy(() -> silent.read(false)).isInstanceOf(EOFException.class)
                .hasMessage("connection closed before any response");
        assertThat(silent.hasReadAnything()).isFalse();

        ResponseReader cut = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertThatThrownBy(() -> cut.read(false)).isInstanceOf(EOFException.class)
                .hasMessage("connection closed in the middle of a response");
        assertThat(cut.hasReadAnything()).isTrue();
    }

    private static ResponseReader reader(String wire) {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
