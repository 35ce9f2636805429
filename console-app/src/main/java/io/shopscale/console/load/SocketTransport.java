package io.shopscale.console.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP/1.1 over plain sockets: up to {@code connections} sender threads, each with one keep-alive connection,
 * each sending one request at a time and blocking for its response.
 *
 * <p>It holds no queue of its own: each request goes straight to an idle sender (the one used last, whose
 * connection is the likeliest to be open), or to a new one while fewer than {@code connections} exist. Requests
 * wait in one place only, the {@link RequestPipeline}, which never has more than {@code connections} in flight; a
 * caller that sends more at once gets the extra requests failed with an {@link IllegalStateException}. A sender
 * becomes idle before it completes the reply, so whoever sees a reply complete may send the next request at once.
 *
 * <p>A request whose connection fails before any byte of the response arrived, on a connection that had carried a
 * response before (the server closed it while idle), goes once more on a fresh connection, but only when it
 * {@linkplain ShopRequest#mayBeResent() may be resent}. One that may not (a login, a register) always goes on a fresh
 * connection: the server may close an idle one at any moment, not only at its keep-alive timeout (nginx closes every
 * idle connection when it reloads its config, as in a switch of mode), and a request sent on a connection already
 * closed is lost with no way to tell whether the shop got it.
 *
 * <p>Why not {@code java.net.http.HttpClient}: measured on a 2-vCPU VM it spent 400-500 us of CPU per request, most
 * of it handing each exchange between its selector, its executor and {@code CompletableFuture}'s default pool
 * (which, with 2 cores, starts a new thread per response). Apache HttpClient 5 is measured against this client by
 * {@link GeneratorBenchmark}. The shop is reached through the local nginx in plain HTTP, so this speaks only that.
 */
final class SocketTransport implements Transport {

    private record Job(byte[] request, boolean keepBody, boolean mayBeResent, long deadlineNanos,
                       CompletableFuture<Reply> reply) {

        void fail(Throwable failure) {
            reply.completeExceptionally(failure);
        }
    }

    /** Marks a sender that has stopped: nothing can be handed to it any more. */
    private static final Job STOPPED = new Job(new byte[0], false, false, 0, new CompletableFuture<>());

    private final InetSocketAddress address;
    private final String hostHeader;
    private final String pathPrefix;
    private final int maxSenders;
    /** Senders waiting for a request, the most recently used first. */
    private final ConcurrentLinkedDeque<Sender> idle = new ConcurrentLinkedDeque<>();
    private final List<Sender> senders = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    SocketTransport(LoadPlan plan) {
        int port = plan.target().getPort() == -1 ? 80 : plan.target().getPort();
        this.address = new InetSocketAddress(plan.target().getHost(), port);
        this.hostHeader = plan.target().getHost() + (plan.target().getPort() == -1 ? "" : ":" + port);
        String path = plan.target().getRawPath() == null ? "" : plan.target().getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.maxSenders = plan.connections();
    }

    /**
     * @return fails with an {@link IOException} once closed, and with an {@link IllegalStateException} when
     *         {@code connections} requests are already in flight
     */
    @Override
    public CompletableFuture<Reply> send(ShopRequest request, Duration timeout) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Job job = new Job(encode(request), request.keepsBody(), request.mayBeResent(),
                System.nanoTime() + timeout.toNanos(), reply);
        if (closed) {
            job.fail(closedFailure());
            return reply;
        }
        Sender sender = idle.pollFirst();
        if (sender != null) {
            sender.hand(job);
        } else if (!startSender(job)) {
            job.fail(new IllegalStateException("all " + maxSenders + " connections are busy; the caller must wait "
                    + "for a reply before sending more"));
        }
        return reply;
    }

    /** Stops the senders and closes their connections; requests handed to them and not yet sent fail. */
    @Override
    public void close() {
        closed = true;
        senders.forEach(Sender::stop);
    }

    private static IOException closedFailure() {
        return new IOException("the load generator's connections are closed");
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

    private synchronized boolean startSender(Job first) {
        if (senders.size() >= maxSenders) {
            return false;
        }
        Sender sender = new Sender(first);
        Thread thread = new Thread(sender::run, "shopscale-load-sender-" + (senders.size() + 1));
        thread.setDaemon(true);
        sender.thread = thread;
        senders.add(sender);
        thread.start();
        if (closed) {
            sender.stop();
        }
        return true;
    }

    /** One thread and its connection; receives one request at a time through its slot. */
    private final class Sender {

        /** null while idle, the request handed to it, or {@link #STOPPED}. */
        private final AtomicReference<Job> slot;
        private volatile Thread thread;

        Sender(Job first) {
            this.slot = new AtomicReference<>(first);
        }

        void hand(Job job) {
            if (slot.compareAndSet(null, job)) {
                LockSupport.unpark(thread);
            } else {
                job.fail(closedFailure());
            }
        }

        void stop() {
            Thread running = thread;
            if (running != null) {
                running.interrupt();
                LockSupport.unpark(running);
            }
        }

        void run() {
            ShopConnection connection = null;
            try {
                for (Job job = awaitJob(); job != null; job = awaitJob()) {
                    connection = serve(job, connection);
                }
            } finally {
                closeQuietly(connection);
                Job left = slot.getAndSet(STOPPED);
                if (left != null && left != STOPPED) {
                    left.fail(closedFailure());
                }
            }
        }

        /** @return the request handed over, or null once the transport is closed */
        private Job awaitJob() {
            while (true) {
                Job job = slot.get();
                if (job != null && job != STOPPED && !closed) {
                    // Nobody else writes the slot until this sender is idle again.
                    slot.set(null);
                    return job;
                }
                if (closed) {
                    return null;
                }
                LockSupport.park(this);
            }
        }

        /** @return the connection to use for the next job, or null when this one broke */
        private ShopConnection serve(Job job, ShopConnection reused) {
            ShopConnection connection = reused;
            Reply reply = null;
            Throwable failure = null;
            try {
                if (connection != null && (!connection.isReusable() || !job.mayBeResent())) {
                    closeQuietly(connection);
                    connection = null;
                }
                if (connection == null) {
                    connection = ShopConnection.open(address, job.deadlineNanos());
                }
                ResponseReader.Response response;
                try {
                    response = connection.exchange(job.request(), job.keepBody(), job.deadlineNanos());
                } catch (IOException e) {
                    if (!job.mayBeResent() || !isStaleKeepAlive(connection, e)) {
                        throw e;
                    }
                    // The server closed this idle connection just as the request went out, so it never read it; the
                    // same request goes once more on a fresh connection.
                    connection.close();
                    connection = ShopConnection.open(address, job.deadlineNanos());
                    response = connection.exchange(job.request(), job.keepBody(), job.deadlineNanos());
                }
                reply = new Reply(response.status(), response.replica(), response.body(), response.retryAfter());
            } catch (IOException | RuntimeException e) {
                // Whatever broke (a protocol error included), the connection's state is unknown: it is not reused.
                closeQuietly(connection);
                connection = null;
                failure = e;
            }
            if (!closed) {
                idle.addFirst(this);
            }
            if (failure == null) {
                job.reply().complete(reply);
            } else {
                job.fail(failure);
            }
            return connection;
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
