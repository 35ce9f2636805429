package io.shopscale.console.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.MetricsHub;

/** The stream of one replica's stats, as docker-java drives it: {@code onStart} comes once Docker answers. */
class StatsStreamTest {

    @Test
    void aStreamClosedBeforeDockerAnsweredIsClosedWhenTheAnswerStarts() {
        ContainerStatsFeed.StatsStream stats = new ContainerStatsFeed.StatsStream("shop-monolith-2", new MetricsHub());
        AtomicBoolean answerClosed = new AtomicBoolean();
        Closeable answer = () -> answerClosed.set(true);

        stats.closeQuietly();
        stats.onStart(answer);

        assertThat(answerClosed).isTrue();
    }

    @Test
    void aStreamThatStartedStaysOpenUntilClosed() {
        ContainerStatsFeed.StatsStream stats = new ContainerStatsFeed.StatsStream("shop-monolith-2", new MetricsHub());
        AtomicBoolean answerClosed = new AtomicBoolean();
        Closeable answer = () -> answerClosed.set(true);

        stats.onStart(answer);
        assertThat(answerClosed).isFalse();

        stats.closeQuietly();
        assertThat(answerClosed).isTrue();
    }
}
