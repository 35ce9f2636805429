package io.shopscale.console.window.traffic;

import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.ScenarioMix;

/** Sends load to the shop for the load controls: one run at a time, started, adjusted while it runs, stopped. */
public interface LoadRunner {

    /**
     * Logs the plan's shoppers in, then starts sending and returns. Blocks for the set-up, so the window calls it
     * through its {@code Background}.
     *
     * @throws LoadSetupException when the shop does not answer or shoppers cannot log in; nothing was sent
     */
    void start(LoadPlan plan) throws LoadSetupException, InterruptedException;

    /** Changes the running load's target rate; returns at once. */
    void setRate(double requestsPerSecond);

    /** Changes the running load's mix for the requests started from now on; returns at once. */
    void setMix(ScenarioMix mix);

    /** Stops sending, also during the set-up; harmless when nothing runs. Returns at once. */
    void stop();
}
