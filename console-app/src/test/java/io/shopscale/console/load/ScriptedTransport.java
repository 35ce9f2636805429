package io.shopscale.console.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.shopscale.console.metrics.FakeTime;

/** A shop that answers only when the test says, on the test's clock. Single-threaded use. */
final class ScriptedTransport implements Transport {

    record Sent(ShopRequest request, Duration timeout, long sentAtNanos, CompletableFuture<Reply> reply) {
    }

    private final FakeTime time;
    private final List<Sent> sent = new ArrayList<>();
    private final List<Sent> unanswered = new ArrayList<>();

    ScriptedTransport(FakeTime time) {
        this.time = time;
    }

    @Override
    public CompletableFuture<Reply> send(ShopRequest request, Duration timeout) {
        Sent call = new Sent(request, timeout, time.nanoTime(), new CompletableFuture<>());
        sent.add(call);
        unanswered.add(call);
        return call.reply();
    }

    List<Sent> sent() {
        return sent;
    }

    int unanswered() {
        return unanswered.size();
    }

    /** Answers, oldest first, every request sent at least {@code serviceNanos} ago, alternating two replicas. */
    void answerThoseSentBefore(long serviceNanos) {
        List<Sent> due = unanswered.stream()
                .filter(call -> time.nanoTime() - call.sentAtNanos() >= serviceNanos)
                .toList();
        unanswered.removeAll(due);
        for (Sent call : due) {
            String replica = sent.indexOf(call) % 2 == 0 ? "replica-a" : "replica-b";
            call.reply().complete(new Reply(200, replica, null));
        }
    }

    void answerOldest(Reply reply) {
        unanswered.remove(0).reply().complete(reply);
    }

    void failOldest(Throwable failure) {
        unanswered.remove(0).reply().completeExceptionally(failure);
    }
}
