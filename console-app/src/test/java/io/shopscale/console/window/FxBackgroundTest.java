package io.shopscale.console.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lanes with real threads; what they deliver goes to a queue that the test drains as the FX thread would. */
class FxBackgroundTest {

    private final BlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();
    private final List<String> delivered = new ArrayList<>();
    private final CountDownLatch commandMayEnd = new CountDownLatch(1);
    private final FxBackground background = new FxBackground(fxThread::add, Duration.ofMillis(300),
            Duration.ofSeconds(2));

    @AfterEach
    void close() {
        commandMayEnd.countDown();
        background.close();
    }

    @Test
    void aSlowCommandDoesNotDelayAStatusRead() throws Exception {
        background.run(Lane.COMMAND, () -> {
            commandMayEnd.await();
            return "scaled";
        }, delivered::add, failure -> delivered.add("failed " + failure));

        background.run(Lane.READ, () -> "status", delivered::add, failure -> delivered.add("failed " + failure));

        deliverNext();
        assertThat(delivered).containsExactly("status");
        commandMayEnd.countDown();
        deliverNext();
        assertThat(delivered).containsExactly("status", "scaled");
    }

    @Test
    void aCancelledPieceOfWorkDeliversNothingAndIsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        BackgroundWork scale = background.run(Lane.COMMAND, () -> {
            started.countDown();
            try {
                commandMayEnd.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "scaled";
        }, delivered::add, failure -> delivered.add("failed " + failure));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        scale.cancel();

        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the command's thread was interrupted").isTrue();
        assertThat(scale.isCancelled()).isTrue();
        assertThat(scale.isEnded()).isTrue();
        background.run(Lane.COMMAND, () -> "next", delivered::add, failure -> delivered.add("failed " + failure));
        deliverNext();
        assertThat(delivered).as("neither the result nor the failure of the cancelled command").containsExactly("next");
    }

    @Test
    void aResultAlreadyOnItsWayToTheFxThreadIsNotDeliveredOnceCancelled() throws Exception {
        BackgroundWork read = background.run(Lane.READ, () -> "old status", delivered::add,
                failure -> delivered.add("failed " + failure));
        Runnable delivery = fxThread.poll(5, TimeUnit.SECONDS);

        read.cancel();
        delivery.run();

        assertThat(delivered).isEmpty();
        assertThat(read.isCancelled()).isTrue();
    }

    @Test
    void aReadThatOutlastsItsLimitFailsAsATimeoutAndItsLateResultIsDropped() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        BackgroundWork read = background.run(Lane.READ, () -> {
            try {
                commandMayEnd.await();
            } catch (InterruptedException e) {
                // A Docker call that does not heed interrupts answers late.
            }
            return "late status";
        }, delivered::add, failures::add);

        deliverNext();

        assertThat(failures).singleElement().isInstanceOf(ReadTimeoutException.class);
        assertThat(failures.get(0)).hasMessageStartingWith("No answer within 300 ms;");
        assertThat(read.isEnded()).isTrue();
        commandMayEnd.countDown();
        assertThat(fxThread.poll(500, TimeUnit.MILLISECONDS)).as("the late answer").isNull();
        assertThat(delivered).isEmpty();
    }

    @Test
    void commandsHaveNoTimeLimit() throws Exception {
        background.run(Lane.COMMAND, () -> {
            Thread.sleep(600);
            return "scaled";
        }, delivered::add, failure -> delivered.add("failed " + failure));

        deliverNext();

        assertThat(delivered).containsExactly("scaled");
    }

    @Test
    void closingReturnsAtOnceWhileACommandRunsAndAMonitorTakesSecondsToClose() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        background.run(Lane.COMMAND, () -> {
            commandMayEnd.await();
            return "scaled";
        }, delivered::add, failure -> delivered.add("failed " + failure));
        background.release(() -> {
            Thread.sleep(1_000);
            released.countDown();
        });

        long start = System.nanoTime();
        background.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).as("closing on the FX thread, in ms").isLessThan(200);
        assertThat(released.await(5, TimeUnit.SECONDS)).as("the monitor was still closed").isTrue();
        assertThat(fxThread.poll(300, TimeUnit.MILLISECONDS)).as("anything delivered after the close")
                .satisfiesAnyOf(delivery -> assertThat(delivery).isNull(), delivery -> {
                    delivery.run();
                    assertThat(delivered).isEmpty();
                });
        background.run(Lane.READ, () -> "status", delivered::add, failure -> delivered.add("failed"));
        assertThat(fxThread.poll(300, TimeUnit.MILLISECONDS)).as("work handed over after the close").isNull();
    }

    @Test
    void theClosingThreadGivesUpAfterItsLimitOnWorkThatIgnoresInterrupts() throws Exception {
        FxBackground closing = new FxBackground(fxThread::add, Duration.ofSeconds(5), Duration.ofMillis(300));
        closing.run(Lane.COMMAND, () -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return null;
        }, ignored -> { }, failure -> { });
        Thread.sleep(50);

        closing.close();

        Thread.sleep(800);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("the thread that keeps the process alive while work ends").doesNotContain("shopscale-closing");
        assertThat(closing.hasEnded()).as("the stubborn command still runs, on a daemon thread").isFalse();
    }

    private void deliverNext() throws InterruptedException {
        Runnable delivery = fxThread.poll(5, TimeUnit.SECONDS);
        assertThat(delivery).as("a delivery to the FX thread within 5 s").isNotNull();
        delivery.run();
    }
}
