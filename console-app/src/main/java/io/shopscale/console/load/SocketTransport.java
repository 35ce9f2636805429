package io.shopscale.console.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 over plain sockets: up to {@code connections} sender threads, each with one keep-alive connection,
 * each sending one request at a time and blocking for its response.
 *
 * <p>Why not {@code java.net.http.HttpClient}: measured on a 2-vCPU VM it spent 400-500 us of CPU per request, most
 * of it handing each exchange between its selector, its executor and {@code CompletableFuture}'s default pool
 * (which, with 2 cores, starts a new thread per response). This costs about a third of that, so the generator stays
 * far from being the bottleneck and leaves the CPU to the shop it measures. The shop is reached through the local
 * nginx in plain HTTP, so this speaks only that.
 */
final class SocketTransport implements Transport {

    private record Job(byte[] request, boolean keepBody, long deadlineNanos, CompletableFuture<Reply> reply) {
    }

    private final InetSocketAddress address;
    private final String hostHeader;
    private final String pathPrefix;
    private final int maxSenders;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new CopyOnWriteArrayList<>();
    private final AtomicInteger idleSenders = new AtomicInteger();
    private volatile boolean closed;

    SocketTransport(LoadPlan plan) {
        int port = plan.target().getPort() == -1 ? 80 : plan.target().getPort();
        this.address = new InetSocketAddress(plan.target().getHost(), port);
        this.hostHeader = plan.target().getHost() + (plan.target().getPort() == -1 ? "" : ":" + port);
        String path = plan.target().getRawPath() == null ? "" : plan.target().getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.maxSenders = plan.connections();
    }

    @Override
    public CompletableFuture<Reply> send(ShopRequest request, Duration timeout) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        jobs.add(new Job(encode(request), request.keepsBody(), System.nanoTime() + timeout.toNanos(), reply));
        if (closed) {
            // Checked after queueing, so a job cannot slip in behind close() and wait forever.
            failWaitingJobs();
        } else if (idleSenders.get() == 0) {
            startSenderIfAllowed();
        }
        return reply;
    }

    /** Stops the senders and closes their connections; requests still waiting fail. */
    @Override
    public void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
        failWaitingJobs();
    }

    private void failWaitingJobs() {
        for (Job job = jobs.poll(); job != null; job = jobs.poll()) {
            job.reply().completeExceptionally(new IOException("the load generator's connections are closed"));
        }
    }

    /** The request as bytes on the wire; everything in it was made by the generator or checked by it. */
    byte[] encode(ShopRequest request) {
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(pathPrefix).append(request.pathAndQuery())
                .append(" HTTP/1.1\r\nHost: ").append(hostHeader)
                .append("\r\nUser-Agent: shopscale-load\r\nAccept: application/json, application/problem+json\r\n");
        byte[] body = request.jsonBody() == null ? new byte[0] : request.jsonBody().getBytes(StandardCharsets.UTF_8);
        if (request.jsonBody() != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (request.jsonBody() != null || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (request.bearerToken() != null) {
            head.append("Authorization: Bearer ").append(request.bearerToken()).append("\r\n");
        }
        if (request.idempotencyKey() != null) {
            head.append("Idempotency-Key: ").append(request.idempotencyKey()).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, wire, 0, headBytes.length);
        System.arraycopy(body, 0, wire, headBytes.length, body.length);
        return wire;
    }

    private synchronized void startSenderIfAllowed() {
        if (closed || senders.size() >= maxSenders || idleSenders.get() > 0) {
            return;
        }
        Thread sender = new Thread(this::serveJobs, "shopscale-load-sender-" + (senders.size() + 1));
        sender.setDaemon(true);
        senders.add(sender);
        sender.start();
    }

    private void serveJobs() {
        ShopConnection connection = null;
        try {
            while (!closed) {
                Job job;
                idleSenders.incrementAndGet();
                try {
                    job = jobs.take();
                } finally {
                    idleSenders.decrementAndGet();
                }
                connection = serve(job, connection);
            }
        } catch (InterruptedException e) {
            // close() asked the sender to stop.
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** @return the connection to use for the next job, or null when this one broke */
    private ShopConnection serve(Job job, ShopConnection reused) {
        ShopConnection connection = reused;
        try {
            if (connection == null || !connection.isReusable()) {
                closeQuietly(connection);
                connection = ShopConnection.open(address, job.deadlineNanos());
            }
            ResponseReader.Response response;
            try {
                response = connection.exchange(job.request(), job.keepBody(), job.deadlineNanos());
            } catch (IOException e) {
                if (!isStaleKeepAlive(connection, e)) {
                    throw e;
                }
                // The server closed this idle connection just as the request went out, so it never read it; the
                // same request goes once more on a fresh connection. Orders carry an idempotency key regardless.
                connection.close();
                connection = ShopConnection.open(address, job.deadlineNanos());
                response = connection.exchange(job.request(), job.keepBody(), job.deadlineNanos());
            }
            job.reply().complete(new Reply(response.status(), response.replica(), response.body()));
            return connection;
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            job.reply().completeExceptionally(e);
            return null;
        }
    }

    private static boolean isStaleKeepAlive(ShopConnection connection, IOException failure) {
        return connection.carriedAnExchange() && !connection.responseStarted()
                && !(failure instanceof SocketTimeoutException);
    }

    private static void closeQuietly(ShopConnection connection) {
        if (connection != null) {
            connection.close();
        }
    }
}
