package io.shopscale.console.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.fault.FaultChange;
import io.shopscale.console.fault.FaultsInForce;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.plan.Plan;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.EngineKind;
import io.shopscale.console.topology.StackName;

/**
 * A presenter's session, recorded as the timeline of an experiment file that replays it: an engine that passes every
 * call on to the real one and notes, with its time since the recording began, each call that changes the stack
 * (a mode switch, a scale, a heal, a kill, a fault switched), plus the load changes and marks the window reports with {@link #load}
 * and {@link #mark}. Reads (status, logs, nginx's config, the monitor) pass through unrecorded. A call that fails is
 * not recorded: replaying it would fail too. Thread-safe: the window calls it from its lanes.
 *
 * <p>Two limits: an {@code up} becomes a mode switch with every service at one replica count, followed by a scale
 * for the services that differ (a replay then calls {@code up} and {@code scale}); and {@code down} is not recorded,
 * since an experiment runs on a stack that runs.
 */
public final class SessionRecorder implements ShopEngine {

    private final ShopEngine engine;
    private final LongSupplier millis;
    private long startMillis;
    private final List<Step> steps = new ArrayList<>();

    /** @param millis a clock in milliseconds ({@code System::currentTimeMillis}); the recording starts now */
    public SessionRecorder(ShopEngine engine, LongSupplier millis) {
        this.engine = engine;
        this.millis = millis;
        this.startMillis = millis.getAsLong();
    }

    /** The load was set to {@code rate} requests/s, reached over {@code ramp}; a null mix keeps the current one. */
    public void load(double rate, Duration ramp, ScenarioMix mix) {
        Duration at = now();
        step(new Step.Load(at, nextName(), rate, ramp, mix));
    }

    /** A line on the replay's charts. */
    public void mark(String text) {
        Duration at = now();
        step(new Step.Mark(at, nextName(), text));
    }

    /** Forgets what was recorded; the session starts again now. */
    public synchronized void restart() {
        steps.clear();
        startMillis = millis.getAsLong();
    }

    /** Records any step as it is. */
    public synchronized void step(Step step) {
        steps.add(step);
    }

    /** The steps recorded so far, in the order they happened. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /**
     * The session as an experiment: its timeline lasts until now (at least a second past the last step), with no
     * assertions and no clean-up; add them to the file as needed.
     */
    public synchronized Experiment experiment(String name, String description) {
        long lastStep = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).at().toMillis();
        long end = Math.max(millis.getAsLong() - startMillis, lastStep + 1);
        Duration duration = Duration.ofSeconds((end + 999) / 1000);
        Experiment draft = new Experiment(name, description, duration, steps, List.of(), Optional.empty(),
                AbortRule.DEFAULT, List.of(), "");
        String yaml = ExperimentWriter.yaml(draft);
        return ExperimentParser.parse(yaml);
    }

    @Override
    public Plan up(DesiredTopology desired, EngineListener events) {
        Duration at = now();
        return recordUp(at, desired, engine.up(desired, events));
    }

    /** Records the same steps as on the stack's own engine: a replay runs on whatever engine its stack runs on. */
    @Override
    public Plan up(DesiredTopology desired, EngineKind engineKind, EngineListener events) {
        Duration at = now();
        return recordUp(at, desired, engine.up(desired, engineKind, events));
    }

    private Plan recordUp(Duration at, DesiredTopology desired, Plan plan) {
        Collection<Integer> counts = desired.replicas().values();
        int common = counts.stream().mapToInt(Integer::intValue).min().orElse(1);
        step(new Step.SwitchMode(at, nextName(), desired.mode(), common));
        Map<String, Integer> others = new TreeMap<>(desired.replicas());
        others.values().removeIf(count -> count == common);
        if (!others.isEmpty()) {
            step(new Step.Scale(at, nextName(), others));
        }
        return plan;
    }

    @Override
    public Plan scale(StackName stack, Map<String, Integer> replicas, EngineListener events) {
        Duration at = now();
        Plan plan = engine.scale(stack, replicas, events);
        step(new Step.Scale(at, nextName(), replicas));
        return plan;
    }

    @Override
    public Plan heal(StackName stack, EngineListener events) {
        Duration at = now();
        Plan plan = engine.heal(stack, events);
        step(new Step.Heal(at, nextName()));
        return plan;
    }

    @Override
    public void kill(StackName stack, String container) {
        Duration at = now();
        StackStatus.Replica victim = engine.status(stack).containers().stream()
                .filter(replica -> replica.name().equals(container)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + container + " in stack "
                        + stack.value()));
        engine.kill(stack, container);
        step(new Step.Kill(at, nextName(), victim.service(), victim.replica()));
    }

    @Override
    public FaultsInForce switchFault(StackName stack, FaultChange change, EngineListener events) {
        Duration at = now();
        FaultsInForce after = engine.switchFault(stack, change, events);
        step(new Step.SwitchFault(at, nextName(), change));
        return after;
    }

    @Override
    public FaultsInForce faults(StackName stack) {
        return engine.faults(stack);
    }

    @Override
    public void down(StackName stack, boolean volumes, EngineListener events) {
        engine.down(stack, volumes, events);
    }

    @Override
    public StackStatus status(StackName stack) {
        return engine.status(stack);
    }

    @Override
    public String nginxConfig(StackName stack) {
        return engine.nginxConfig(stack);
    }

    @Override
    public String logs(StackName stack, Optional<String> service, int lines) {
        return engine.logs(stack, service, lines);
    }

    @Override
    public Subscription monitor(StackName stack, MetricsHub hub) {
        return engine.monitor(stack, hub);
    }

    @Override
    public List<Path> export(StackName stack, io.shopscale.console.export.ExportFormat format, Path directory,
                             boolean withSecrets) {
        return engine.export(stack, format, directory, withSecrets);
    }

    private synchronized Duration now() {
        return Duration.ofMillis(millis.getAsLong() - startMillis);
    }

    /** {@code step-N}, as the parser names unnamed steps, unique within the session. */
    private synchronized String nextName() {
        HashSet<String> taken = new HashSet<>();
        steps.forEach(step -> taken.add(step.name()));
        int n = steps.size() + 1;
        while (taken.contains("step-" + n)) {
            n++;
        }
        return "step-" + n;
    }
}
