package io.shopscale.console.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection to the shop, owned by one sender thread. Every exchange has a deadline that
 * covers writing the request and reading the whole response.
 */
final class ShopConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final ResponseReader reader;
    private long deadlineNanos;
    private int exchanges;
    private boolean reusable = true;

    private ShopConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new ResponseReader(new DeadlineInput(socket.getInputStream()));
    }

    /** @throws java.net.ConnectException when nothing listens; {@link SocketTimeoutException} past the deadline */
    static ShopConnection open(InetSocketAddress address, long deadlineNanos) throws IOException {
        Socket socket = new Socket();
        try {
            // Requests are one write each; waiting to coalesce them would only add latency.
            socket.setTcpNoDelay(true);
            socket.connect(address, millisUntil(deadlineNanos));
            return new ShopConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    ResponseReader.Response exchange(byte[] request, boolean keepBody, long deadline) throws IOException {
        deadlineNanos = deadline;
        reusable = false;
        millisUntil(deadline);
        // Before the write, which can fail too: the previous response's bytes must not count for this one.
        reader.expectResponse();
        out.write(request);
        ResponseReader.Response response = reader.read(keepBody);
        reusable = response.reusable();
        exchanges++;
        return response;
    }

    /** Whether it carried a response before: only then can a failure mean the server had just closed it. */
    boolean carriedAnExchange() {
        return exchanges > 0;
    }

    boolean responseStarted() {
        return reader.hasReadAnything();
    }

    boolean isReusable() {
        return reusable && !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing an already broken connection; nothing is left to release.
        }
    }

    private static int millisUntil(long deadlineNanos) throws SocketTimeoutException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("request timed out");
        }
        // Rounded up, and never 0, which would mean "wait forever" to a socket.
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
    }

    /** Gives each read what is left until the deadline, so a response trickling in cannot outlast it. */
    private final class DeadlineInput extends InputStream {

        private final InputStream in;

        DeadlineInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            socket.setSoTimeout(millisUntil(deadlineNanos));
            return in.read(buffer, offset, length);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }
}
