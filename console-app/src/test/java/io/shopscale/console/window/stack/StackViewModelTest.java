package io.shopscale.console.window.stack;

import io.shopscale.console.engine.ShopEngine;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.shopscale.console.docker.NoDockerEngines;
import io.shopscale.console.metrics.EventKind;
import io.shopscale.console.metrics.FakeTime;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.topology.TopologyException;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.FakeShopEngine;
import io.shopscale.console.window.Lane;
import io.shopscale.console.window.QueuedBackground;
import io.shopscale.console.window.ReadTimeoutException;

class StackViewModelTest {

    private final FakeShopEngine engine = new FakeShopEngine();
    private final FakeTime time = new FakeTime();
    private final MetricsHub hub = new MetricsHub(time, 60);

    private StackViewModel window(Background background) {
        return new StackViewModel(engine, background, hub, StackName.of("window"), 18490);
    }

    private static ServiceCard monolith(StackViewModel stack) {
        return stack.cards().get(0);
    }

    @Test
    void startDeploysTheChosenModeAndShowsItsStepsAndTheBaseImageSource() {
        StackViewModel stack = window(Background.sameThread());

        stack.start();

        assertThat(engine.commands()).containsExactly("up monolith");
        assertThat(stack.runningProperty().get()).isTrue();
        assertThat(stack.busyProperty().get()).isFalse();
        assertThat(stack.imageSourceProperty().get())
                .isEqualTo("base images: jre: shopscale/jre:17 (built from Debian packages)");
        assertThat(stack.activity()).contains("[1/1] start service:monolith:1 (scale up) …",
                "[1/1] start service:monolith:1 (scale up)  done in 0.4s",
                "the shop is up at http://127.0.0.1:18490/");
        assertThat(stack.urlProperty().get()).isEqualTo("http://127.0.0.1:18490/");
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::container, ReplicaChip::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("window-monolith-1", ReplicaState.READY));
    }

    @Test
    void startGivesEachReplicaTheWindowsLimits() {
        Limits small = new Limits(0.35, 256);
        StackViewModel stack = new StackViewModel(engine, Background.sameThread(), hub, StackName.of("window"), 18490,
                small);

        stack.start();

        assertThat(engine.lastUp().limits()).isEqualTo(small);
    }

    @Test
    void parkedOrderEventsAreShownUntilThereAreNone() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();
        assertThat(stack.parkedEventsProperty().get()).isEmpty();

        engine.setParkedEvents(2L);
        stack.refresh();
        assertThat(stack.parkedEventsProperty().get()).startsWith("2 order events parked by the outbox relay");

        engine.setParkedEvents(0L);
        stack.refresh();
        assertThat(stack.parkedEventsProperty().get()).isEmpty();
    }

    @Test
    void aSliderScalesItsServiceShowsThePlanStepsOnTheCardAndMarksTheChart() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();

        stack.scale("monolith", 3);

        assertThat(engine.commands()).containsExactly("up monolith", "scale {monolith=3}");
        assertThat(monolith(stack).steps()).containsExactly("scaling monolith to 3",
                "[1/2] start service:monolith:2 (scale up) …", "[1/2] start service:monolith:2 (scale up)  done in 0.4s",
                "[2/2] start service:monolith:3 (scale up) …", "[2/2] start service:monolith:3 (scale up)  done in 0.4s",
                "monolith runs 3 replicas");
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::container)
                .containsExactly("window-monolith-1", "window-monolith-2", "window-monolith-3");
        assertThat(monolith(stack).requestedProperty().get()).isEqualTo(3);
        assertThat(hub.events()).extracting(event -> event.kind() + " " + event.text())
                .containsExactly("SCALE monolith → 3");
    }

    @Test
    void theSameCountAgainDoesNothingWhileEveryReplicaIsReady() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();

        stack.scale("monolith", 1);

        assertThat(engine.commands()).containsExactly("up monolith");
    }

    @Test
    void replicasGoingAwayShowAsDrainingUntilTheyAreGone() {
        QueuedBackground background = new QueuedBackground();
        StackViewModel stack = window(background);
        stack.start();
        background.runAll();
        stack.scale("monolith", 3);
        background.runAll();

        stack.scale("monolith", 1);

        assertThat(stack.busyProperty().get()).isTrue();
        assertThat(monolith(stack).scalingProperty().get()).isTrue();
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::state)
                .containsExactly(ReplicaState.READY, ReplicaState.DRAINING, ReplicaState.DRAINING);
        background.runAll();
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::container).containsExactly("window-monolith-1");
        assertThat(monolith(stack).scalingProperty().get()).isFalse();
    }

    @Test
    void chipsSayStartingReadyUnhealthyAndStopped() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();
        engine.setReplica("monolith", 1, "running", false);
        engine.setReplica("monolith", 2, "running", false);
        engine.setReplica("monolith", 3, "exited", false);
        engine.setReplica("monolith", 4, "created", false);

        stack.refresh();

        assertThat(monolith(stack).chips()).extracting(ReplicaChip::state).containsExactly(
                ReplicaState.UNHEALTHY, ReplicaState.STARTING, ReplicaState.STOPPED, ReplicaState.STARTING);
    }

    @Test
    void chipsShowCpuAndMemoryFromTheHub() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();
        hub.recordContainerStats("window-monolith-1", 42.4, 150L * 1024 * 1024);
        time.advance(Duration.ofSeconds(1));

        stack.refresh();

        assertThat(monolith(stack).chips().get(0).usage()).isEqualTo("cpu 42% · 150 MiB");
    }

    @Test
    void killStopsTheReplicaAndMarksTheChartThenHealReplacesIt() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();

        stack.kill("window-monolith-1");

        assertThat(monolith(stack).chips()).extracting(ReplicaChip::state).containsExactly(ReplicaState.STOPPED);
        assertThat(hub.events()).extracting(event -> event.kind()).containsExactly(EventKind.KILL);
        stack.heal();
        assertThat(engine.commands()).endsWith("kill window-monolith-1", "heal");
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::state).containsExactly(ReplicaState.READY);
    }

    @Test
    void stopRemovesTheStackAndLeavesTheSlidersIdle() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();

        stack.stop();

        assertThat(stack.runningProperty().get()).isFalse();
        assertThat(stack.activity()).contains("removed container window-monolith-1", "stack window is down");
        assertThat(monolith(stack).chips()).isEmpty();
        stack.scale("monolith", 2);
        assertThat(engine.commands()).containsExactly("up monolith", "down");
    }

    @Test
    void oneCommandAtATime() {
        QueuedBackground background = new QueuedBackground();
        StackViewModel stack = window(background);

        stack.start();
        stack.start();
        stack.stop();

        background.runAll();
        assertThat(engine.commands()).containsExactly("up monolith");
    }

    @Test
    void withoutDockerTheWindowSaysWhatWasTriedAndHowToGetOne() {
        StackViewModel stack = window(Background.sameThread());
        engine.failWith(NoDockerEngines.exception());

        stack.refresh();

        assertThat(stack.problemProperty().get()).startsWith("No Docker engine answered. Tried:")
                .contains("unix:///var/run/docker.sock: no such socket", "bin/setup-machine")
                .doesNotContain("Exception", "\tat ");
        assertThat(stack.runningProperty().get()).isFalse();
        engine.failWith(null);
        stack.refresh();
        assertThat(stack.problemProperty().get()).isEmpty();
    }

    @Test
    void microservicesModeStartsACardPerService() {
        StackViewModel stack = window(Background.sameThread());
        stack.modeProperty().set(Mode.SERVICES);

        stack.start();

        assertThat(engine.commands()).containsExactly("up services");
        assertThat(stack.cards()).extracting(ServiceCard::service)
                .containsExactly("sso", "catalog", "orders", "payments", "notifications");
        assertThat(stack.cards()).allSatisfy(card -> assertThat(card.chips()).hasSize(1));
    }

    @Test
    void switchingTheModeOfARunningStackRunsUpInTheOtherModeAndMarksTheTimeline() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();

        stack.switchMode(Mode.SERVICES);

        assertThat(engine.commands()).containsExactly("up monolith", "up services");
        assertThat(stack.modeProperty().get()).isEqualTo(Mode.SERVICES);
        assertThat(stack.cards()).extracting(ServiceCard::service)
                .containsExactly("sso", "catalog", "orders", "payments", "notifications");
        assertThat(stack.activity()).contains("switching stack window from monolith to services mode; the data stays",
                "stack window runs in services mode");
        assertThat(hub.events()).extracting(event -> event.kind()).contains(EventKind.MODE_SWITCH);

        stack.switchMode(Mode.SERVICES);
        assertThat(engine.commands()).as("already in that mode").hasSize(2);
    }

    @Test
    void aRunningStackShowsItsOwnMode() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();
        StackViewModel reopened = window(Background.sameThread());
        reopened.modeProperty().set(Mode.SERVICES);

        reopened.refresh();

        assertThat(reopened.modeProperty().get()).isEqualTo(Mode.MONOLITH);
        assertThat(reopened.cards()).extracting(ServiceCard::service).containsExactly("monolith");
    }

    @Test
    void listenersOnTheListsKeepHearingAfterAGarbageCollection() {
        StackViewModel stack = window(Background.sameThread());
        java.util.List<String> heard = new java.util.ArrayList<>();
        monolith(stack).chips().addListener((javafx.collections.ListChangeListener<ReplicaChip>) change ->
                heard.add("chips"));
        stack.activity().addListener((javafx.collections.ListChangeListener<String>) change -> heard.add("activity"));
        System.gc();

        stack.start();

        assertThat(heard).contains("chips", "activity");
    }

    @Test
    void aFailedStatusReadIsShownAsAFailedReadAndTheStackStaysAsReadBefore() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();

        engine.failWith(new ReadTimeoutException(Lane.READ_TIMEOUT));
        stack.refresh();

        assertThat(stack.statusReadFailedProperty().get()).isTrue();
        assertThat(stack.problemProperty().get()).isEqualTo(
                "No answer within 20 s; the call was abandoned and is tried again at the next read.");
        assertThat(stack.runningProperty().get()).as("running, as the read before said").isTrue();
        assertThat(stack.urlProperty().get()).isEqualTo("http://127.0.0.1:18490/");
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::state).containsExactly(ReplicaState.READY);

        engine.failWith(null);
        stack.refresh();
        assertThat(stack.statusReadFailedProperty().get()).isFalse();
        assertThat(stack.problemProperty().get()).isEmpty();
    }

    @Test
    void onlyAReadThatSucceedsAndFindsNoStackShowsItStopped() {
        StackViewModel stack = window(Background.sameThread());
        stack.start();
        engine.failWith(new IllegalStateException("Docker is busy"));
        stack.refresh();
        assertThat(stack.runningProperty().get()).isTrue();

        engine.failWith(null);
        engine.down(StackName.of("window"), false, line -> { });
        stack.refresh();

        assertThat(stack.runningProperty().get()).isFalse();
        assertThat(stack.statusReadFailedProperty().get()).isFalse();
        assertThat(monolith(stack).chips()).isEmpty();
    }

    @Test
    void statusReadsGoOnWhileASlowScaleRuns() {
        QueuedBackground background = new QueuedBackground();
        StackViewModel stack = window(background);
        stack.start();
        background.runAll();
        stack.scale("monolith", 2);

        engine.setReplica("monolith", 1, "exited", false);
        stack.refresh();
        background.runAll(Lane.READ);

        assertThat(stack.busyProperty().get()).as("the scale still runs").isTrue();
        assertThat(monolith(stack).chips()).extracting(ReplicaChip::state).containsExactly(ReplicaState.STOPPED);
        assertThat(engine.commands()).containsExactly("up monolith");
    }

    @Test
    void noKillWhileAPlanRunsOnThatServiceButAnotherServiceStaysKillable() {
        QueuedBackground background = new QueuedBackground();
        StackViewModel stack = window(background);
        stack.modeProperty().set(Mode.SERVICES);
        stack.start();
        background.runAll();

        stack.scale("orders", 2);
        ServiceCard orders = stack.cards().get(2);
        ServiceCard catalog = stack.cards().get(1);
        assertThat(orders.planRunningProperty().get()).isTrue();
        assertThat(catalog.planRunningProperty().get()).isFalse();
        stack.kill("window-orders-1");
        stack.kill("window-catalog-1");
        background.runAll(Lane.READ);

        assertThat(engine.commands()).containsExactly("up services", "kill window-catalog-1");
        background.runAll();
        assertThat(orders.planRunningProperty().get()).isFalse();
        stack.kill("window-orders-1");
        background.runAll();
        assertThat(engine.commands()).endsWith("scale {orders=2}", "kill window-orders-1");
    }

    @Test
    void aCommandOnTheWholeStackRunsAPlanOnEveryService() {
        QueuedBackground background = new QueuedBackground();
        StackViewModel stack = window(background);
        stack.start();
        background.runAll();

        stack.heal();

        assertThat(monolith(stack).planRunningProperty().get()).isTrue();
        stack.kill("window-monolith-1");
        background.runAll();
        assertThat(engine.commands()).containsExactly("up monolith", "heal");
        assertThat(monolith(stack).planRunningProperty().get()).isFalse();
    }

    @Test
    void aStatusReadBegunBeforeACommandEndedIsCancelledAndReadAgain() {
        QueuedBackground background = new QueuedBackground();
        StackViewModel stack = window(background);
        stack.start();
        stack.refresh();

        background.runAll(Lane.COMMAND);

        assertThat(background.cancelled()).as("the read begun before the stack was up").isEqualTo(1);
        assertThat(background.waiting()).as("the read after it").isEqualTo(1);
        background.runAll(Lane.READ);
        assertThat(stack.runningProperty().get()).isTrue();
    }
}
