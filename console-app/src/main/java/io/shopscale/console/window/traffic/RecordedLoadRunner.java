package io.shopscale.console.window.traffic;

import java.time.Duration;

import io.shopscale.console.experiment.SessionRecorder;
import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.ScenarioMix;

/** The load controls' runner, with every start, rate change and stop noted in the window's session. */
public final class RecordedLoadRunner implements LoadRunner {

    private final LoadRunner runner;
    private final SessionRecorder session;
    private volatile String mix = "";
    private volatile double rate;

    public RecordedLoadRunner(LoadRunner runner, SessionRecorder session) {
        this.runner = runner;
        this.session = session;
    }

    @Override
    public void start(LoadPlan plan) throws LoadSetupException, InterruptedException {
        runner.start(plan);
        mix = plan.mix().toText();
        rate = plan.rate();
        session.load(plan.rate(), plan.ramp(), plan.mix());
    }

    @Override
    public void setRate(double requestsPerSecond) {
        runner.setRate(requestsPerSecond);
        rate = requestsPerSecond;
        session.load(requestsPerSecond, Duration.ZERO, null);
    }

    @Override
    public void setMix(ScenarioMix newMix) {
        runner.setMix(newMix);
        if (!newMix.toText().equals(mix)) {
            mix = newMix.toText();
            session.load(rate, Duration.ZERO, newMix);
        }
    }

    @Override
    public void stop() {
        runner.stop();
        session.load(0, Duration.ZERO, null);
    }
}
