package io.shopscale.console.window.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.junit.jupiter.api.Test;

import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.Scenario;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.QueuedBackground;

class LoadControlsViewModelTest {

    private static final String SHOP = "http://127.0.0.1:18490/";

    private final FakeLoadRunner runner = new FakeLoadRunner();
    private final StringProperty shopUrl = new SimpleStringProperty("");

    private LoadControlsViewModel controls(Background background) {
        return new LoadControlsViewModel(runner, background, shopUrl);
    }

    @Test
    void theSlidersRangeAndStartFollowTheCpuOfAReplica() {
        LoadControlsViewModel seeds = controls(Background.sameThread());
        LoadControlsViewModel small = new LoadControlsViewModel(runner, Background.sameThread(), shopUrl, 0.35);

        assertThat(seeds.maxRate()).isEqualTo(LoadControlsViewModel.MAX_RATE);
        assertThat(seeds.rateProperty().get()).isEqualTo(LoadControlsViewModel.START_RATE);
        assertThat(small.maxRate()).isEqualTo(180);
        assertThat(small.rateProperty().get()).isEqualTo(14);
    }

    @Test
    void withoutARunningStackLoadCannotStartAndSaysWhy() {
        LoadControlsViewModel load = controls(Background.sameThread());

        load.start();

        assertThat(load.canStartProperty().get()).isFalse();
        assertThat(load.statusProperty().get()).isEqualTo("Start the stack to send load.");
        assertThat(runner.calls()).isEmpty();
    }

    @Test
    void startSendsTheChosenRateAndMixToTheStackUntilStopped() {
        shopUrl.set(SHOP);
        LoadControlsViewModel load = controls(Background.sameThread());
        load.rateProperty().set(250);
        load.weights().get(Scenario.LOGIN).set(0);

        load.start();

        assertThat(runner.calls()).containsExactly("start 250/s");
        assertThat(runner.started().target()).isEqualTo(URI.create(SHOP));
        assertThat(runner.started().runsUntilStopped()).isTrue();
        assertThat(runner.started().duration()).isEqualTo(Duration.ZERO);
        assertThat(runner.started().mix()).isEqualTo(ScenarioMix.parse("browse=40,search=20,detail=25,order=10"));
        assertThat(load.runningProperty().get()).isTrue();
        assertThat(load.canStartProperty().get()).isFalse();
        assertThat(load.statusProperty().get())
                .isEqualTo("sending 250 requests/s to " + SHOP + ", mix browse=40,search=20,detail=25,order=10");

        load.stop();

        assertThat(runner.calls()).containsExactly("start 250/s", "stop");
        assertThat(load.runningProperty().get()).isFalse();
        assertThat(load.canStartProperty().get()).isTrue();
    }

    @Test
    void theSetUpRunsInTheBackgroundAndStartCannotBePressedTwiceMeanwhile() {
        shopUrl.set(SHOP);
        QueuedBackground background = new QueuedBackground();
        LoadControlsViewModel load = controls(background);

        load.start();
        load.start();

        assertThat(runner.calls()).isEmpty();
        assertThat(background.waiting()).isEqualTo(1);
        assertThat(load.startingProperty().get()).isTrue();
        assertThat(load.canStartProperty().get()).isFalse();
        assertThat(load.statusProperty().get()).isEqualTo("logging shoppers in at " + SHOP + " …");
        background.runAll();
        assertThat(runner.calls()).containsExactly("start 40/s");
        assertThat(load.runningProperty().get()).isTrue();
    }

    @Test
    void stopDuringTheSetUpStopsTheRunAsSoonAsItBegins() {
        shopUrl.set(SHOP);
        QueuedBackground background = new QueuedBackground();
        LoadControlsViewModel load = controls(background);
        load.start();

        load.stop();
        background.runAll();

        assertThat(runner.calls()).containsExactly("stop", "start 40/s", "stop");
        assertThat(load.runningProperty().get()).isFalse();
        assertThat(load.canStartProperty().get()).isTrue();
    }

    @Test
    void theRateIsAppliedOnlyToARunningLoad() {
        shopUrl.set(SHOP);
        LoadControlsViewModel load = controls(Background.sameThread());
        load.rateProperty().set(50);
        load.applyRate();
        load.start();

        load.rateProperty().set(400);
        load.applyRate();

        assertThat(runner.calls()).containsExactly("start 50/s", "rate 400/s");
        assertThat(load.statusProperty().get()).startsWith("sending 400 requests/s");
    }

    @Test
    void aWeightChangedWhileRunningChangesTheMixAtOnceButAMixOfNothingIsRefused() {
        shopUrl.set(SHOP);
        LoadControlsViewModel load = controls(Background.sameThread());
        load.start();

        load.weights().get(Scenario.ORDER).set(0);
        for (Scenario scenario : Scenario.values()) {
            load.weights().get(scenario).set(0);
        }

        assertThat(runner.calls()).containsExactly("start 40/s", "mix browse=40,search=20,detail=25,login=5",
                "mix search=20,detail=25,login=5", "mix detail=25,login=5", "mix login=5");
        assertThat(load.statusProperty().get()).startsWith("the scenario mix has no weight at all")
                .endsWith("; the load keeps its last mix");
    }

    @Test
    void aFailedSetUpSaysWhyNoLoadWasSentAndStartCanBeTriedAgain() {
        shopUrl.set(SHOP);
        runner.failSetupWith(new LoadSetupException("the shop at " + SHOP + " does not answer"));
        LoadControlsViewModel load = controls(Background.sameThread());

        load.start();

        assertThat(load.statusProperty().get())
                .isEqualTo("No load was sent: the shop at " + SHOP + " does not answer");
        assertThat(load.runningProperty().get()).isFalse();
        assertThat(load.canStartProperty().get()).isTrue();
    }

    @Test
    void theLoadStopsWhenTheStackGoesAway() {
        shopUrl.set(SHOP);
        LoadControlsViewModel load = controls(Background.sameThread());
        load.start();

        shopUrl.set("");

        assertThat(runner.calls()).containsExactly("start 40/s", "stop");
        assertThat(load.runningProperty().get()).isFalse();
        assertThat(load.canStartProperty().get()).isFalse();
        assertThat(load.statusProperty().get()).isEqualTo("the stack stopped, so the load stopped");
    }

    @Test
    void closingTheWindowStopsTheLoadForGood() {
        shopUrl.set(SHOP);
        LoadControlsViewModel load = controls(Background.sameThread());
        load.start();

        load.close();
        load.start();

        assertThat(runner.calls()).containsExactly("start 40/s", "stop");
        assertThat(load.canStartProperty().get()).isFalse();
    }
}
