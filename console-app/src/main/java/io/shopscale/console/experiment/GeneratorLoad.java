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
 * The real load: one {@link LoadGenerator} for the whole run, started by the first {@link #set}, and the hub's
 * 1-second samples (CPU per container included when the engine monitors the stack into the same hub).
 *
 * <p>Two limits of what the generator and the hub offer today: the hub's samples carry percentiles but no histogram,
 * so a window's percentiles are upper bounds (see {@link WindowStats}); and the generator ramps every rate change
 * over its plan's ramp, so later load steps ramp as long as the first one did.
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

    @Override
    public synchronized void set(double rate, Duration ramp, ScenarioMix mix) throws InterruptedException {
        if (generator == null) {
            LoadPlan plan = LoadPlan.against(target).withRate(rate).withRamp(ramp).withDuration(Duration.ZERO)
                    .withMix(mix == null ? ScenarioMix.DEFAULT : mix);
            generator = new LoadGenerator(plan, hub);
            subscription = hub.subscribe(samples::add);
            try {
                generator.start();
            } catch (LoadSetupException e) {
                throw new IllegalStateException("no load was sent: " + e.getMessage(), e);
            }
            return;
        }
        generator.setRate(rate);
        if (mix != null) {
            generator.setMix(mix);
        }
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
                    sample.total().ok(), sample.total().errors(), sample.total().latency(), null, Map.of(), cpu));
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
