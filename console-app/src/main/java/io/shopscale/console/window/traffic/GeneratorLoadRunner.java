package io.shopscale.console.window.traffic;

import io.shopscale.console.load.LoadGenerator;
import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.metrics.MetricsHub;

/** Runs each load with a new {@link LoadGenerator} that records into the window's {@link MetricsHub}. */
public final class GeneratorLoadRunner implements LoadRunner {

    private final MetricsHub hub;
    private volatile LoadGenerator generator;

    public GeneratorLoadRunner(MetricsHub hub) {
        this.hub = hub;
    }

    @Override
    public void start(LoadPlan plan) throws LoadSetupException, InterruptedException {
        LoadGenerator next = new LoadGenerator(plan, hub);
        // Known before the set-up, so a stop during the set-up ends the run as soon as it begins.
        generator = next;
        next.start();
    }

    @Override
    public void setRate(double requestsPerSecond) {
        LoadGenerator current = generator;
        if (current != null && current.isRunning()) {
            current.setRate(requestsPerSecond);
        }
    }

    @Override
    public void setMix(ScenarioMix mix) {
        LoadGenerator current = generator;
        if (current != null) {
            current.setMix(mix);
        }
    }

    @Override
    public void stop() {
        LoadGenerator current = generator;
        if (current != null) {
            current.stop();
        }
    }
}
