package io.shopscale.console.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopscale.console.metrics.TimeSource;

/**
 * Sends requests with at most {@code connections} in flight; the rest wait in order. Waiting never changes a
 * request's intended start, so time spent here is latency. A request whose timeout runs out while it waits is
 * counted as a timeout without being sent, like a browser that gave up. Thread-safe.
 */
final class RequestPipeline {

    interface Finisher {
        /** Called exactly once per submitted request, on whichever thread finished it. */
        void finished(ScenarioCall call, long intendedNanos, Outcome outcome);
    }

    private record Waiting(ScenarioCall call, long intendedNanos) {
    }

    private final Transport transport;
    private final TimeSource time;
    private final long timeoutNanos;
    private final int maxOutstanding;
    private final Finisher finisher;

    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger freeConnections;
    /** Lets exactly one thread at a time move requests from waiting to in flight; the others leave it a note. */
    private final AtomicInteger drainRequests = new AtomicInteger();

    RequestPipeline(Transport transport, TimeSource time, int connections, int maxOutstanding, Duration timeout,
                    Finisher finisher) {
        this.transport = transport;
        this.time = time;
        this.timeoutNanos = timeout.toNanos();
        this.maxOutstanding = maxOutstanding;
        this.finisher = finisher;
        this.freeConnections = new AtomicInteger(connections);
    }

    void submit(ScenarioCall call, long intendedNanos) {
        if (outstanding.incrementAndGet() > maxOutstanding) {
            outstanding.decrementAndGet();
            finisher.finished(call, intendedNanos, Outcome.overload());
            return;
        }
        waiting.add(new Waiting(call, intendedNanos));
        waitingCount.incrementAndGet();
        drain();
    }

    /** Requests in flight or waiting. */
    int outstanding() {
        return outstanding.get();
    }

    /** Requests not yet sent because every connection is busy: the backlog a stalled shop builds up. */
    int waiting() {
        return waitingCount.get();
    }

    /** Blocks until nothing is outstanding, or the time is up; true when nothing is. */
    boolean awaitIdle(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int pending = 1;
        do {
            moveWaitingToFreeConnections();
            pending = drainRequests.addAndGet(-pending);
        } while (pending != 0);
    }

    /** Only ever runs on one thread at a time, so a free connection seen here stays free until taken here. */
    private void moveWaitingToFreeConnections() {
        while (freeConnections.get() > 0) {
            Waiting next = waiting.poll();
            if (next == null) {
                return;
            }
            waitingCount.decrementAndGet();
            long waited = time.nanoTime() - next.intendedNanos();
            if (waited >= timeoutNanos) {
                finish(next, Outcome.timedOutWaiting(waited));
                continue;
            }
            freeConnections.decrementAndGet();
            send(next, timeoutNanos - waited);
        }
    }

    private void send(Waiting request, long remainingNanos) {
        CompletableFuture<Reply> reply;
        try {
            reply = transport.send(request.call().request(), Duration.ofNanos(remainingNanos));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((answer, failure) -> {
            long latency = time.nanoTime() - request.intendedNanos();
            try {
                finish(request, failure == null ? Outcome.answered(latency, answer) : Outcome.failed(latency, failure));
            } finally {
                freeConnections.incrementAndGet();
                drain();
            }
        });
    }

    private void finish(Waiting request, Outcome outcome) {
        try {
            finisher.finished(request.call(), request.intendedNanos(), outcome);
        } finally {
            outstanding.decrementAndGet();
        }
    }
}
