package io.shopscale.console.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses off one connection: status, the three headers the generator uses, and the body framed
 * by {@code Content-Length}, chunked encoding or the end of the connection. Its own buffer instead of a
 * {@code BufferedInputStream}, whose every {@code read()} takes a lock. Not thread-safe: one per connection.
 */
final class ResponseReader {

    /** A response's status line and headers together; nginx's own limit for a request's is in the same range. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Bodies the generator reads are a token or a problem detail; the rest of a long one is skipped. */
    static final int MAX_KEPT_BODY_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean readAnything;

    /** A response as read; {@code reusable} says whether the connection may carry another request. */
    record Response(int status, String replica, String body, boolean reusable, boolean retryAfter) {
    }

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Whether any byte of the response being read had arrived, including bytes already buffered when
     * {@link #read} began: only before that can a failure on a reused connection mean the request was never read.
     */
    boolean hasReadAnything() {
        return readAnything;
    }

    /**
     * Marks the start of a new exchange, before its request is written: a failure from here until the first byte
     * of its response (or with none buffered) leaves {@link #hasReadAnything()} false, whatever the previous
     * response did.
     */
    void expectResponse() {
        readAnything = position < limit;
    }

    /**
     * @param keepBody whether to return the body of a successful response; error bodies are always returned
     * @throws ProtocolException when the response breaks HTTP/1.1's framing, such as two different
     *                           {@code Content-Length} values (RFC 9112 section 6.3); the connection must then close
     */
    Response read(boolean keepBody) throws IOException {
        // Bytes left in the buffer by the previous read belong to this response (or to one the server sent unasked):
        // either way something arrived, so the request must not be sent blindly again.
        readAnything = position < limit;
        Head head = readHead();
        while (head.status >= 100 && head.status < 200) {
            head = readHead();
        }
        boolean keep = keepBody || head.status >= 400;
        Body body = new Body(keep);
        boolean reusable = head.keepAlive;
        if (head.status == 204 || head.status == 304) {
            // No body by definition, whatever the headers say.
        } else if (head.chunked) {
            readChunks(body);
        } else if (head.contentLength >= 0) {
            copy(head.contentLength, body);
        } else {
            copyUntilEnd(body);
            reusable = false;
        }
        return new Response(head.status, head.replica, keep ? body.text() : null, reusable, head.retryAfter);
    }

    private Head readHead() throws IOException {
        int[] headBytes = {0};
        String statusLine = line(headBytes);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new ProtocolException("not an HTTP/1.x status line: " + printable(statusLine));
        }
        Head head = new Head();
        head.status = parseStatus(statusLine);
        head.keepAlive = statusLine.startsWith("HTTP/1.1");
        for (String header = line(headBytes); !header.isEmpty(); header = line(headBytes)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed response header: " + printable(header));
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> head.contentLength = agreeingLength(head.contentLength, value);
                case "transfer-encoding" -> head.chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "connection" -> head.keepAlive = connectionKeepsAlive(value, head.keepAlive);
                case "x-served-by" -> head.replica = ReplicaHeader.clean(value);
                case "retry-after" -> head.retryAfter = true;
                default -> {
                    // Not needed by the generator.
                }
            }
        }
        return head;
    }

    private void readChunks(Body body) throws IOException {
        int[] lineBytes = {0};
        while (true) {
            String sizeLine = line(lineBytes);
            int extension = sizeLine.indexOf(';');
            String size = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
            long length;
            try {
                length = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("malformed chunk size: " + printable(sizeLine));
            }
            if (length < 0) {
                throw new ProtocolException("negative chunk size: " + printable(sizeLine));
            }
            if (length == 0) {
                // Trailers, if any, end with an empty line like the headers.
                for (String trailer = line(lineBytes); !trailer.isEmpty(); trailer = line(lineBytes)) {
                    lineBytes[0] = 0;
                }
                return;
            }
            copy(length, body);
            if (!line(lineBytes).isEmpty()) {
                throw new ProtocolException("a chunk does not end where its size says");
            }
            lineBytes[0] = 0;
        }
    }

    private void copy(long length, Body body) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int taken = (int) Math.min(left, limit - position);
            body.append(buffer, position, taken);
            position += taken;
            left -= taken;
        }
    }

    private void copyUntilEnd(Body body) throws IOException {
        while (true) {
            if (position == limit && !tryFill()) {
                return;
            }
            body.append(buffer, position, limit - position);
            position = limit;
        }
    }

    /** A line without its CRLF (a bare LF is tolerated), counted against the head's limit. */
    private String line(int[] bytesSoFar) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                fill();
            }
            byte next = buffer[position++];
            if (++bytesSoFar[0] > MAX_HEAD_BYTES) {
                throw new ProtocolException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (next == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) (next & 0xff));
        }
    }

    private void fill() throws IOException {
        if (!tryFill()) {
            throw new EOFException(readAnything ? "connection closed in the middle of a response"
                    : "connection closed before any response");
        }
    }

    private boolean tryFill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            return false;
        }
        readAnything = true;
        position = 0;
        limit = read;
        return true;
    }

    private static int parseStatus(String statusLine) throws ProtocolException {
        try {
            int status = Integer.parseInt(statusLine.substring(9, 12));
            if (status < 100 || status > 999) {
                throw new NumberFormatException();
            }
            return status;
        } catch (NumberFormatException e) {
            throw new ProtocolException("no status code in " + printable(statusLine));
        }
    }

    /**
     * RFC 9112 section 6.3: a Content-Length repeated, or given as a list, with one value is that value; different
     * values leave the body's end unknown, so the response is refused rather than guessed at.
     */
    private static long agreeingLength(long soFar, String value) throws ProtocolException {
        long length = soFar;
        for (String item : value.split(",", -1)) {
            long parsed = parseLength(item.trim());
            if (length >= 0 && parsed != length) {
                throw new ProtocolException("conflicting Content-Length values: " + length + " and " + parsed);
            }
            length = parsed;
        }
        return length;
    }

    private static long parseLength(String value) throws ProtocolException {
        try {
            long length = Long.parseLong(value);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed Content-Length: " + printable(value));
        }
    }

    private static boolean connectionKeepsAlive(String value, boolean byDefault) {
        String tokens = value.toLowerCase(Locale.ROOT);
        if (tokens.contains("close")) {
            return false;
        }
        return byDefault || tokens.contains("keep-alive");
    }

    private static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return '"' + shortened.replaceAll("[^\\p{Print}]", "?") + '"';
    }

    private static final class Head {
        int status;
        long contentLength = -1;
        boolean chunked;
        boolean keepAlive;
        String replica;
        boolean retryAfter;
    }

    /** Collects up to {@link #MAX_KEPT_BODY_BYTES} when kept; otherwise only moves past the bytes. */
    private static final class Body {
        private final boolean keep;
        private byte[] bytes = new byte[0];
        private int length;

        Body(boolean keep) {
            this.keep = keep;
        }

        void append(byte[] source, int offset, int count) {
            int room = MAX_KEPT_BODY_BYTES - length;
            if (!keep || room <= 0) {
                return;
            }
            int taken = Math.min(room, count);
            if (length + taken > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MAX_KEPT_BODY_BYTES,
                        Math.max(length + taken, bytes.length * 2 + 256)));
            }
            System.arraycopy(source, offset, bytes, length, taken);
            length += taken;
        }

        String text() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }
}
