package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.FakeTime;

class RequestPipelineTest {

    private static final long MILLI = 1_000_000L;

    private final FakeTime time = new FakeTime();
    private final ScriptedTransport shop = new ScriptedTransport(time);
    private final List<Outcome> outcomes = new ArrayList<>();

    @Test
    void sendsAtMostOneRequestPerConnectionAndTheRestInOrder() {
        RequestPipeline pipeline = pipeline(2, 100, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            pipeline.submit(call("/api/catalog/products/" + i), time.nanoTime());
        }

        assertThat(shop.sent()).hasSize(2);
        assertThat(pipeline.waiting()).isEqualTo(3);
        assertThat(pipeline.outstanding()).isEqualTo(5);

        time.advanceMillis(30);
        shop.answerOldest(new Reply(200, "a", null));

        assertThat(shop.sent()).extracting(sent -> sent.request().pathAndQuery())
                .containsExactly("/api/catalog/products/0", "/api/catalog/products/1", "/api/catalog/products/2");
        assertThat(outcomes).singleElement().satisfies(outcome ->
                assertThat(outcome.latencyNanos()).isEqualTo(30 * MILLI));
    }

    @Test
    void beyondTheOutstandingCapARequestIsAnOverloadErrorNotASilentDrop() {
        RequestPipeline pipeline = pipeline(1, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            pipeline.submit(call("/x"), time.nanoTime());
        }

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.error()).isEqualTo(ErrorKind.OVERLOAD);
            assertThat(outcome.asCompletedRequest("catalog").sent()).isFalse();
        });
        assertThat(pipeline.outstanding()).isEqualTo(3);
    }

    @Test
    void theTimeoutRunsFromTheIntendedStartSoQueueingUsesItUp() {
        RequestPipeline pipeline = pipeline(1, 100, Duration.ofSeconds(1));
        long intended = time.nanoTime();
        pipeline.submit(call("/first"), intended);
        pipeline.submit(call("/second"), intended);
        pipeline.submit(call("/third"), intended + 800 * MILLI);

        time.advanceMillis(600);
        shop.answerOldest(new Reply(200, "a", null));

        assertThat(shop.sent().get(1).timeout()).isEqualTo(Duration.ofMillis(400));

        time.advanceMillis(900);
        shop.failOldest(new SocketTimeoutException("request timed out"));

        // The third, due at 800 ms, had waited 700 ms of its second and went out with the 300 ms left.
        assertThat(shop.sent()).hasSize(3);
        assertThat(shop.sent().get(2).timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(outcomes).extracting(Outcome::error).containsExactly(null, ErrorKind.TIMEOUT);
    }

    @Test
    void aRequestWhoseTimeoutRanOutWhileWaitingIsNotSentAtAll() {
        RequestPipeline pipeline = pipeline(1, 100, Duration.ofSeconds(1));
        pipeline.submit(call("/hangs"), time.nanoTime());
        pipeline.submit(call("/waits"), time.nanoTime());

        time.advanceMillis(1500);
        shop.failOldest(new SocketTimeoutException("request timed out"));

        assertThat(shop.sent()).hasSize(1);
        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.error()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(outcome.latencyNanos()).isEqualTo(1500 * MILLI);
        });
        assertThat(pipeline.outstanding()).isZero();
    }

    @Test
    void failuresAreClassifiedAndFreeTheirConnection() {
        RequestPipeline pipeline = pipeline(1, 100, Duration.ofSeconds(10));
        pipeline.submit(call("/a"), time.nanoTime());
        pipeline.submit(call("/b"), time.nanoTime());
        pipeline.submit(call("/c"), time.nanoTime());

        shop.failOldest(new ConnectException());
        shop.answerOldest(new Reply(503, null, "{\"detail\":\"no upstream\"}"));
        shop.failOldest(new IOException("connection reset"));

        assertThat(outcomes).extracting(Outcome::error)
                .containsExactly(ErrorKind.CONNECTION_REFUSED, ErrorKind.http(503), ErrorKind.IO);
        assertThat(pipeline.outstanding()).isZero();
    }

    @Test
    void aTransportThatThrowsInsteadOfFailingTheFutureLosesNoConnection() {
        Transport broken = (request, timeout) -> {
            throw new IllegalArgumentException("bad header");
        };
        RequestPipeline pipeline = new RequestPipeline(broken, time, 1, 100, Duration.ofSeconds(1),
                (call, intended, outcome) -> outcomes.add(outcome));

        pipeline.submit(call("/a"), time.nanoTime());
        pipeline.submit(call("/b"), time.nanoTime());

        assertThat(outcomes).extracting(Outcome::error).containsExactly(ErrorKind.OTHER, ErrorKind.OTHER);
        assertThat(pipeline.outstanding()).isZero();
    }

    @Test
    void answersCompletingOnTheSendingThreadDoNotRecurse() {
        Transport immediate = (request, timeout) -> CompletableFuture.completedFuture(new Reply(200, "a", null));
        RequestPipeline pipeline = new RequestPipeline(immediate, time, 1, 200_000, Duration.ofSeconds(1),
                (call, intended, outcome) -> outcomes.add(outcome));

        for (int i = 0; i < 100_000; i++) {
            pipeline.submit(call("/a"), time.nanoTime());
        }

        assertThat(outcomes).hasSize(100_000);
        assertThat(pipeline.outstanding()).isZero();
    }

    private RequestPipeline pipeline(int connections, int maxOutstanding, Duration timeout) {
        return new RequestPipeline(shop, time, connections, maxOutstanding, timeout,
                (call, intended, outcome) -> outcomes.add(outcome));
    }

    private static ScenarioCall call(String path) {
        return new ScenarioCall(Scenario.DETAIL, ShopRequest.get(path), null);
    }
}
