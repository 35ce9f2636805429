package io.shopscale.console.experiment;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.shopscale.console.load.LoadGenerator;
import io.shopscale.console.load.LoadPlan;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Sample;
import io.shopscale.console.metrics.Subscription;

/**
 * The real load: one {@link LoadGenerator} for the whole run, started by {@link #prepare} (or the first
 * {@link #set}), and the hub's 1-second samples (CPU per container included when the engine monitors the stack into
 * the same hub).
 *
 * <p>Each second carries the hub's histogram of that second, so a window's percentiles are those of its merged
 * histogram (see {@link WindowStats}). Each load step ramps over its own ramp.
 */
public final class GeneratorLoad implements LoadPort, AutoCloseable {

    private final URI target;
    private final MetricsHub hub;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private LoadGenerator generator;
    private Subscription subscription;

    public GeneratorLoad(URI target, MetricsHub hub) {
        this.target = target;
        this.hub = hub;
    }

    /**
     * Registers the shoppers and starts the generator at 0 requests/s, so that the run's clock starts with a
     * generator that sends at once (the set-up takes seconds, more on a busy shop).
     *
     * @throws LoadSetupException when the shop does not answer, or shoppers cannot register or log in
     */
    public synchronized void prepare() throws LoadSetupException, InterruptedException {
        if (generator != null) {
            return;
        }
        LoadPlan plan = LoadPlan.against(target).withRate(0).withRamp(Duration.ZERO).withDuration(Duration.ZERO);
        generator = new LoadGenerator(plan, hub);
        subscription = hub.subscribe(samples::add);
        generator.start();
    }

    @Override
    public synchronized void set(double rate, Duration ramp, ScenarioMix mix) throws InterruptedException {
        if (generator == null) {
            try {
                prepare();
            } catch (LoadSetupException e) {
                throw new IllegalStateException("no load was sent: " + e.getMessage(), e);
            }
        }
        if (mix != null) {
            generator.setMix(mix);
        }
        generator.setRate(rate, ramp);
    }

    @Override
    public synchronized void stop() {
        if (generator != null) {
            generator.stop();
        }
    }

    @Override
    public List<Second> finishedSeconds(Instant origin) {
        List<Second> seconds = new ArrayList<>();
        double target = generator == null ? 0 : generator.targetRate();
        for (Sample sample = samples.poll(); sample != null; sample = samples.poll()) {
            long index = Math.round(Duration.between(origin, sample.start()).toMillis() / 1000.0);
            if (index < 0) {
                continue;
            }
            Map<String, Double> cpu = new TreeMap<>();
            sample.containers().forEach((name, stats) -> cpu.put(name, stats.cpuPercent()));
            seconds.add(new Second(index, generator != null && generator.isRunning() ? target : 0,
                    sample.total().ok(), sample.total().errors(), sample.total().latency(), sample.latency(), Map.of(),
                    cpu));
        }
        return seconds;
    }

    @Override
    public synchronized void close() {
        stop();
        if (subscription != null) {
            subscription.close();
        }
    }
}
