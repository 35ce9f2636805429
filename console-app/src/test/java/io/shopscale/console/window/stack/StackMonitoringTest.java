package io.shopscale.console.window.stack;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleBooleanProperty;

import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;
import io.shopscale.console.window.QueuedBackground;

class StackMonitoringTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final SimpleBooleanProperty running = new SimpleBooleanProperty();

    private StackMonitoring monitoring(Background background) {
        return new StackMonitoring(engine, background, new MetricsHub(), StackName.of("window"), running);
    }

    @Test
    void theMonitorIsOpenExactlyWhileTheStackRuns() {
        StackMonitoring monitoring = monitoring(Background.sameThread());
        assertThat(engine.openMonitors()).isZero();

        running.set(true);
        assertThat(engine.openMonitors()).isEqualTo(1);
        assertThat(monitoring.isOpen()).isTrue();

        running.set(false);
        assertThat(engine.openMonitors()).isZero();
        assertThat(monitoring.isOpen()).isFalse();
    }

    @Test
    void aStackAlreadyRunningWhenTheWindowOpensIsMonitoredAndClosingTheWindowEndsIt() {
        running.set(true);
        StackMonitoring monitoring = monitoring(Background.sameThread());
        assertThat(engine.openMonitors()).isEqualTo(1);

        monitoring.close();
        running.set(false);
        running.set(true);

        assertThat(engine.openMonitors()).isZero();
    }

    @Test
    void openingRunsInTheBackgroundAndAStopMeanwhileClosesWhatOpened() {
        QueuedBackground background = new QueuedBackground();
        monitoring(background);

        running.set(true);
        assertThat(engine.openMonitors()).isZero();
        running.set(false);
        background.runAll();

        assertThat(engine.openMonitors()).isZero();
    }

    @Test
    void aMonitorThatFailedToOpenIsTriedAgainAtTheNextStart() {
        StackMonitoring monitoring = monitoring(Background.sameThread());
        engine.failWith(new TopologyException("Stack window is not running; start it with `shopctl up`."));
        running.set(true);
        assertThat(monitoring.isOpen()).isFalse();

        engine.failWith(null);
        running.set(false);
        running.set(true);

        assertThat(engine.openMonitors()).isEqualTo(1);
    }

    @Test
    void closingHandsTheMonitorToTheBackgroundInsteadOfClosingItOnTheCallersThread() {
        QueuedBackground background = new QueuedBackground();
        StackMonitoring monitoring = monitoring(background);
        running.set(true);
        background.runAll();
        assertThat(engine.openMonitors()).isEqualTo(1);

        monitoring.close();

        assertThat(engine.openMonitors()).as("still open when close returned").isEqualTo(1);
        assertThat(background.released()).isEqualTo(1);
        background.runAll();
        assertThat(engine.openMonitors()).isZero();
    }

    @Test
    void aMonitorStillOpeningWhenTheWindowClosesIsNeverLeftOpen() {
        QueuedBackground background = new QueuedBackground();
        StackMonitoring monitoring = monitoring(background);
        running.set(true);

        monitoring.close();
        background.runAll();

        assertThat(engine.openMonitors()).isZero();
        assertThat(monitoring.isOpen()).isFalse();
    }
}
