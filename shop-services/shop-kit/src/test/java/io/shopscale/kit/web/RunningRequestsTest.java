package io.shopscale.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RunningRequestsTest {

    @Test
    void requestsBeyondTheLimitWaitAndRunInArrivalOrder() throws Exception {
        RunningRequests running = new RunningRequests(1);
        CountDownLatch firstRuns = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();

        Thread first = start(() -> running.run(() -> {
            order.add("first");
            firstRuns.countDown();
            await(releaseFirst);
        }));
        assertThat(firstRuns.await(5, TimeUnit.SECONDS)).isTrue();
        Thread second = start(() -> running.run(() -> order.add("second")));
        waitUntilWaiting(second);
        Thread third = start(() -> running.run(() -> order.add("third")));
        waitUntilWaiting(third);

        assertThat(order).as("nothing runs beside the first").containsExactly("first");
        releaseFirst.countDown();
        for (Thread thread : List.of(first, second, third)) {
            thread.join(5_000);
        }
        assertThat(order).containsExactly("first", "second", "third");
    }

    @Test
    void aRequestWaitingOutsideTheReplicaGivesItsPlaceUpAndFinishesWithoutOne() throws Exception {
        RunningRequests running = new RunningRequests(1);
        CountDownLatch calling = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();

        Thread caller = start(() -> running.run(() -> {
            RunningRequests.giveUpPlace();
            calling.countDown();
            await(answer);
            order.add("caller done");
        }));
        assertThat(calling.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch otherRuns = new CountDownLatch(1);
        CountDownLatch releaseOther = new CountDownLatch(1);
        Thread other = start(() -> running.run(() -> {
            order.add("other ran");
            otherRuns.countDown();
            await(releaseOther);
        }));
        assertThat(otherRuns.await(5, TimeUnit.SECONDS)).as("the other request ran while the caller waited").isTrue();

        answer.countDown();
        caller.join(5_000);
        assertThat(order).as("the caller finished without taking a place again").containsExactly("other ran",
                "caller done");
        Thread third = start(() -> running.run(() -> order.add("third")));
        waitUntilWaiting(third);
        releaseOther.countDown();
        other.join(5_000);
        third.join(5_000);
        assertThat(order).as("the place given up was given back once").endsWith("third");
    }

    @Test
    void noLimitRunsEveryRequestAtOnce() throws Exception {
        RunningRequests running = new RunningRequests(0);
        CountDownLatch both = new CountDownLatch(2);
        Thread a = start(() -> running.run(() -> {
            both.countDown();
            await(both);
        }));
        Thread b = start(() -> running.run(() -> {
            both.countDown();
            await(both);
        }));
        a.join(5_000);
        b.join(5_000);
        assertThat(both.getCount()).isZero();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new RunningRequests(-1))
                .hasMessageContaining("shop.max-running-requests must be 0 (no limit) or more, not -1");
    }

    @Test
    void healthProbesNeverWaitForAPlace() throws Exception {
        RunningRequestsFilter filter = new RunningRequestsFilter(1);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread work = start(() -> filter.doFilter(new MockHttpServletRequest("GET", "/api/catalog/products"),
                new MockHttpServletResponse(), (request, response) -> {
                    busy.countDown();
                    await(release);
                }));
        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch probed = new CountDownLatch(1);
        Thread probe = start(() -> filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"),
                new MockHttpServletResponse(), (request, response) -> probed.countDown()));

        assertThat(probed.await(5, TimeUnit.SECONDS)).as("the probe ran while the only place was taken").isTrue();
        release.countDown();
        work.join(5_000);
        probe.join(5_000);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private static void waitUntilWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
