package io.shopscale.console.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.shopscale.console.load.ScenarioMix;

/** The load an experiment sends, and the seconds it measured. {@link GeneratorLoad} is the real one. */
public interface LoadPort {

    /**
     * Sends {@code rate} requests/s, reached over {@code ramp}; starts sending on the first call.
     *
     * @param mix null keeps the current mix
     */
    void set(double rate, Duration ramp, ScenarioMix mix) throws InterruptedException;

    /** Stops sending; idempotent. */
    void stop();

    /**
     * The seconds that ended since the last call, oldest first, numbered from {@code origin}; their replicas are left
     * empty for the runner to fill.
     */
    List<Second> finishedSeconds(Instant origin);
}
