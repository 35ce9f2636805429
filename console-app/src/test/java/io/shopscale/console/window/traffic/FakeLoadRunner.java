package io.shopscale.console.window.traffic;

import java.util.ArrayList;
import java.util.List;

import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.ScenarioMix;

/** Writes down what the load controls ask for; its set-up can be told to fail. */
public final class FakeLoadRunner implements LoadRunner {

    private final List<String> calls = new ArrayList<>();
    private LoadPlan started;
    private LoadSetupException setupFailure;

    /** The next start fails with this. */
    public void failSetupWith(LoadSetupException failure) {
        setupFailure = failure;
    }

    /** What was asked, in order: {@code start 100/s}, {@code rate 250/s}, {@code mix browse=1}, {@code stop}. */
    public List<String> calls() {
        return calls;
    }

    /** The plan of the last start. */
    public LoadPlan started() {
        return started;
    }

    @Override
    public void start(LoadPlan plan) throws LoadSetupException {
        calls.add("start " + (long) plan.rate() + "/s");
        if (setupFailure != null) {
            LoadSetupException failure = setupFailure;
            setupFailure = null;
            throw failure;
        }
        started = plan;
    }

    @Override
    public void setRate(double requestsPerSecond) {
        calls.add("rate " + (long) requestsPerSecond + "/s");
    }

    @Override
    public void setMix(ScenarioMix mix) {
        calls.add("mix " + mix.toText());
    }

    @Override
    public void stop() {
        calls.add("stop");
    }
}
