package io.shopscale.console.window.traffic;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;

import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.Scenario;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.Lane;
import io.shopscale.console.window.Problems;

/**
 * The load the window sends to its stack: a target rate, applied while running when the user lets go of the
 * slider, a weight per scenario, applied at once, and Start and Stop. The load runs until stopped, until the stack
 * goes away, or until the window closes.
 */
public final class LoadControlsViewModel implements AutoCloseable {

    /**
     * The slider's top for replicas of 1 CPU; with less CPU per replica the top shrinks in proportion (see
     * {@link #maxRate()}). The generator goes further from the command line.
     */
    public static final double MAX_RATE = 500;
    /**
     * Where the slider starts for replicas of 1 CPU: well inside what one replica serves with the default mix, about
     * 110 requests/s once warm and much less while its JIT warms up; in proportion for less CPU (at 0.35 CPU one warm
     * replica held 40 requests/s within a p99 of 1 s, bin/bench-scaling). A demo raises it past that and scales.
     */
    public static final double START_RATE = 40;

    private final LoadRunner runner;
    private final Background background;
    private final ObservableStringValue shopUrl;

    private final double maxRate;
    private final DoubleProperty rate;
    private final Map<Scenario, ObjectProperty<Integer>> weights = new EnumMap<>(Scenario.class);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private ScenarioMix sentMix = ScenarioMix.DEFAULT;
    private boolean stopWhenStarted;
    private boolean closed;

    /** For replicas of {@link Limits#DEFAULT}'s CPU. */
    public LoadControlsViewModel(LoadRunner runner, Background background, ObservableStringValue shopUrl) {
        this(runner, background, shopUrl, Limits.DEFAULT.cpus());
    }

    /**
     * @param shopUrl        the stack's address, empty while no stack runs
     * @param cpusPerReplica the CPU limit of each replica of the stacks the window starts; the slider's range and
     *                       start follow it
     */
    public LoadControlsViewModel(LoadRunner runner, Background background, ObservableStringValue shopUrl,
                                 double cpusPerReplica) {
        this.maxRate = Math.max(10, Math.round(MAX_RATE * cpusPerReplica / 10) * 10.0);
        this.rate = new SimpleDoubleProperty(Math.max(1, Math.round(START_RATE * cpusPerReplica)));
        this.runner = runner;
        this.background = background;
        this.shopUrl = shopUrl;
        ScenarioMix.DEFAULT.weights().forEach((scenario, weight) -> {
            ObjectProperty<Integer> property = new SimpleObjectProperty<>(weight);
            property.addListener((value, before, now) -> applyMix());
            weights.put(scenario, property);
        });
        shopUrl.addListener((value, before, now) -> stackChanged());
        stackChanged();
    }

    /** The slider's top in requests/s: {@link #MAX_RATE} per CPU of a replica, to the ten, 10 at least. */
    public double maxRate() {
        return maxRate;
    }

    /** Requests per second, 0 to {@link #maxRate()}, from {@link #START_RATE} per CPU of a replica; applied to a running load by {@link #applyRate()}. */
    public DoubleProperty rateProperty() {
        return rate;
    }

    /** One weight per scenario, 0 to {@link ScenarioMix#MAX_WEIGHT}, in the scenarios' order. */
    public Map<Scenario, ObjectProperty<Integer>> weights() {
        return Collections.unmodifiableMap(weights);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** While shoppers log in, before the first request. */
    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    /** A stack runs and no load runs or starts. */
    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** What the load does, or why it cannot start, or what went wrong. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void start() {
        if (!canStart.get()) {
            return;
        }
        LoadPlan plan;
        try {
            plan = LoadPlan.against(URI.create(shopUrl.get())).withRate(rate.get()).withMix(mix())
                    .withDuration(Duration.ZERO);
        } catch (RuntimeException e) {
            status.set(Problems.describe(e));
            return;
        }
        sentMix = plan.mix();
        stopWhenStarted = false;
        starting.set(true);
        update();
        status.set("logging shoppers in at " + plan.target() + " …");
        background.run(Lane.LOAD, () -> {
            runner.start(plan);
            return null;
        }, done -> {
            starting.set(false);
            if (closed || stopWhenStarted || shopUrl.get().isEmpty()) {
                runner.stop();
            } else {
                running.set(true);
                sending();
            }
            update();
        }, failure -> {
            starting.set(false);
            status.set("No load was sent: " + Problems.describe(failure));
            update();
        });
    }

    public void stop() {
        if (!running.get() && !starting.get()) {
            return;
        }
        runner.stop();
        stopWhenStarted = starting.get();
        running.set(false);
        status.set("load stopped");
        update();
    }

    /** Sends the slider's rate to the running load; nothing to do while none runs. */
    public void applyRate() {
        if (running.get()) {
            runner.setRate(rate.get());
            sending();
        }
    }

    /** The weights as a mix. */
    public ScenarioMix mix() {
        Map<Scenario, Integer> chosen = new EnumMap<>(Scenario.class);
        weights.forEach((scenario, weight) -> chosen.put(scenario, weight.get() == null ? 0 : weight.get()));
        return ScenarioMix.of(chosen);
    }

    /** Stops the load for good: the window is closing. */
    @Override
    public void close() {
        closed = true;
        runner.stop();
        running.set(false);
        update();
    }

    private void applyMix() {
        if (!running.get()) {
            return;
        }
        try {
            ScenarioMix mix = mix();
            runner.setMix(mix);
            sentMix = mix;
            sending();
        } catch (RuntimeException e) {
            status.set(Problems.describe(e) + "; the load keeps its last mix");
        }
    }

    private void stackChanged() {
        if (shopUrl.get().isEmpty() && (running.get() || starting.get())) {
            runner.stop();
            stopWhenStarted = starting.get();
            running.set(false);
            status.set("the stack stopped, so the load stopped");
        } else if (shopUrl.get().isEmpty()) {
            status.set("Start the stack to send load.");
        } else if (!running.get() && !starting.get()) {
            status.set("ready to send load to " + shopUrl.get());
        }
        update();
    }

    private void sending() {
        status.set(String.format(Locale.ROOT, "sending %.0f requests/s to %s, mix %s", rate.get(), shopUrl.get(),
                sentMix.toText()));
    }

    private void update() {
        canStart.set(!closed && !shopUrl.get().isEmpty() && !running.get() && !starting.get());
    }
}
