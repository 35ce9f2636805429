package io.shopscale.console.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.StackName;

/**
 * Runs an {@link Experiment} on a stack through the engine port: the steady-state check, the timeline (each step at
 * its time, one line per second, the abort rule after every second), the steady-state check again, and then, however
 * the run ended, the clean-up. Engine steps (scale, mode, kill, heal, fault) run one after the other on
 * {@code engineLane}, so a scale that takes a minute does not hold up the seconds; load steps and marks take effect
 * at once.
 *
 * <p>Seconds are numbered from the run's start; the timeline starts after the steady-state check's length. A step
 * that fails aborts the run. Not thread-safe: one run per runner.
 */
public final class ExperimentRunner {

    /** Seconds close on the load's side a little after the boundary; the runner reads them this much later. */
    static final long SETTLE_MILLIS = 300;
    /**
     * The load's seconds start on its own clock, up to half a second off the run's, so the last second of a window
     * may close up to this much after the runner's tick: a window is judged only once it arrived, or this passed.
     */
    static final long LATE_SECOND_MILLIS = 1500;

    private final Experiment experiment;
    private final ShopEngine engine;
    private final StackName stack;
    private final LoadPort load;
    private final RunClock clock;
    private final Executor engineLane;
    private final Consumer<String> liveLines;

    private final List<Second> seconds = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final AtomicReference<String> stepFailure = new AtomicReference<>();
    private CompletableFuture<Void> engineWork = CompletableFuture.completedFuture(null);
    private String phase = "";
    private volatile Consumer<RunEvent> eventListener = event -> { };

    public ExperimentRunner(Experiment experiment, ShopEngine engine, StackName stack, LoadPort load, RunClock clock,
                            Executor engineLane, Consumer<String> liveLines) {
        this.experiment = experiment;
        this.engine = engine;
        this.stack = stack;
        this.load = load;
        this.clock = clock;
        this.engineLane = engineLane;
        this.liveLines = liveLines;
    }

    /**
     * Hears of each event as it is recorded (a phase, a step begun, done or failed, a verdict), on the thread that
     * recorded it: the runner's or the engine lane's. Set it before {@link #run()}.
     */
    public void onEvent(Consumer<RunEvent> listener) {
        eventListener = listener;
    }

    /** Runs the experiment to its end, an abort, or an interrupt; the clean-up has run when this returns. */
    public Recording run() {
        long timelineStart = experiment.steadyLength().toSeconds();
        Outcome outcome = Outcome.COMPLETED;
        String outcomeText = "the timeline ran to its end";
        List<Verdict> verdicts = new ArrayList<>();
        try {
            if (experiment.steadyState().isPresent()) {
                SteadyState steady = experiment.steadyState().get();
                Verdict before = steadyState("steady state before", steady, 0);
                verdicts.add(before);
                if (!before.passed()) {
                    outcome = Outcome.STEADY_STATE_NOT_MET;
                    outcomeText = "the steady state did not hold before the timeline, so the timeline did not run";
                }
            }
            if (outcome == Outcome.COMPLETED) {
                String abort = timeline(timelineStart);
                if (abort != null) {
                    outcome = Outcome.ABORTED;
                    outcomeText = abort;
                    event("abort", abort);
                } else if (experiment.steadyState().isPresent()) {
                    verdicts.add(steadyState("steady state after", experiment.steadyState().get(),
                            timelineStart + experiment.duration().toSeconds()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.ABORTED;
            outcomeText = "the run was interrupted";
            event("abort", outcomeText);
        } catch (RuntimeException e) {
            outcome = Outcome.ABORTED;
            outcomeText = "the run failed: " + e.getMessage();
            event("abort", outcomeText);
        } finally {
            cleanup();
        }
        for (Assertion assertion : experiment.assertions()) {
            verdicts.add(Verdict.judge(assertion.name(), experiment.window(assertion).shift(timelineStart),
                    assertion.checks(), seconds));
        }
        return new Recording(experiment, clock.startedAt(), timelineStart, seconds, events, verdicts, outcome,
                outcomeText);
    }

    private Verdict steadyState(String name, SteadyState steady, long start) throws InterruptedException {
        phase = name;
        event("phase", name + ": " + Durations.formatRate(steady.rate()) + " for " + Durations.format(steady.length()));
        load.set(steady.rate(), java.time.Duration.ZERO, null);
        long end = start + steady.length().toSeconds();
        for (long second = start + 1; second <= end; second++) {
            tick(second);
        }
        awaitSecond(end - 1);
        Verdict verdict = Verdict.judge(name, new Window(start, end), steady.checks(), seconds);
        event("verdict", verdict.toText());
        return verdict;
    }

    /** @return why the timeline stopped early, or null when it ran to its end */
    private String timeline(long start) throws InterruptedException {
        phase = "timeline";
        event("phase", "timeline: " + Durations.format(experiment.duration()));
        List<Step> steps = experiment.timeline();
        long end = start + experiment.duration().toSeconds();
        int next = 0;
        long second = start + 1;
        while (second <= end) {
            long tickAt = second * 1000 + SETTLE_MILLIS;
            long stepAt = next < steps.size() ? start * 1000 + steps.get(next).at().toMillis() : Long.MAX_VALUE;
            if (stepAt <= tickAt) {
                clock.sleepUntil(stepAt);
                perform(steps.get(next++), false);
                continue;
            }
            tick(second++);
            if (stepFailure.get() != null) {
                return stepFailure.get();
            }
            String abort = abortReason(start);
            if (abort != null) {
                return abort;
            }
        }
        awaitSecond(end - 1);
        return null;
    }

    /** Waits, {@link #LATE_SECOND_MILLIS} past its tick at most, until second {@code index} has come from the load. */
    private void awaitSecond(long index) throws InterruptedException {
        long tickAt = (index + 1) * 1000 + SETTLE_MILLIS;
        for (long wait = 100; wait <= LATE_SECOND_MILLIS && !arrived(index); wait += 100) {
            clock.sleepUntil(tickAt + wait);
            collect();
        }
    }

    private boolean arrived(long index) {
        return !seconds.isEmpty() && seconds.get(seconds.size() - 1).index() >= index;
    }

    /** Waits until {@code second} has ended, takes the seconds that ended, prints a live line for each. */
    private void tick(long second) throws InterruptedException {
        clock.sleepUntil(second * 1000 + SETTLE_MILLIS);
        collect();
    }

    /** Takes the seconds that ended since the last call, prints a live line for each. */
    private void collect() {
        Map<String, Integer> ready = readyReplicas();
        for (Second measured : load.finishedSeconds(clock.startedAt())) {
            Second complete = measured.withReplicas(ready);
            seconds.add(complete);
            liveLines.accept(liveLine(complete));
        }
    }

    private String abortReason(long timelineStart) {
        AbortRule rule = experiment.abort();
        long over = rule.over().toSeconds();
        if (seconds.isEmpty()) {
            return null;
        }
        long last = seconds.get(seconds.size() - 1).index();
        if (last + 1 - timelineStart < over) {
            return null;
        }
        WindowStats stats = WindowStats.of(seconds, new Window(last + 1 - over, last + 1));
        if (stats.requests() > 0 && stats.errorRate() > rule.maxErrorRate()) {
            return String.format(Locale.ROOT, "aborted: %.1f%% of requests failed over the last %s (the limit is "
                    + "%.1f%%)", stats.errorRate() * 100, Durations.format(rule.over()), rule.maxErrorRate() * 100);
        }
        return null;
    }

    private void cleanup() {
        phase = "cleanup";
        load.stop();
        event("cleanup", "load stopped");
        boolean interrupted = Thread.interrupted();
        try {
            engineWork.join();
        } catch (RuntimeException e) {
            // Already recorded as a failed step.
        }
        for (Step step : experiment.cleanup()) {
            try {
                perform(step, true);
            } catch (RuntimeException | InterruptedException e) {
                event("step failed", step.describe() + ": " + e.getMessage());
            }
        }
        try {
            engineWork.join();
        } catch (RuntimeException e) {
            // Already recorded as a failed step.
        }
        try {
            // The last seconds that closed while cleaning up belong on the charts too.
            seconds.addAll(load.finishedSeconds(clock.startedAt()).stream().map(s -> s.withReplicas(Map.of()))
                    .toList());
        } catch (RuntimeException e) {
            event("cleanup", "the last seconds could not be read: " + e.getMessage());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Load steps and marks at once; engine steps on the engine lane, or right here while cleaning up. */
    private void perform(Step step, boolean now) throws InterruptedException {
        event("step", step.describe());
        if (step instanceof Step.Load loadStep) {
            load.set(loadStep.rate(), loadStep.ramp(), loadStep.mix());
        } else if (!(step instanceof Step.Mark)) {
            Runnable command = () -> engineStep(step);
            if (now) {
                command.run();
            } else {
                engineWork = engineWork.thenRunAsync(command, engineLane).exceptionally(failure -> null);
            }
        }
    }

    private void engineStep(Step step) {
        try {
            if (step instanceof Step.Scale scale) {
                engine.scale(stack, scale.replicas(), ShopEngine.EngineListener.IGNORE);
            } else if (step instanceof Step.Heal) {
                engine.heal(stack, ShopEngine.EngineListener.IGNORE);
            } else if (step instanceof Step.Kill kill) {
                engine.kill(stack, victim(kill));
            } else if (step instanceof Step.SwitchFault fault) {
                engine.switchFault(stack, fault.change(), ShopEngine.EngineListener.IGNORE);
            } else if (step instanceof Step.SwitchMode switchMode) {
                engine.up(topology(switchMode), ShopEngine.EngineListener.IGNORE);
            } else {
                throw new IllegalStateException("not an engine step: " + step.describe());
            }
            event("step done", step.describe());
        } catch (RuntimeException e) {
            String reason = "step failed: " + step.describe() + ": " + e.getMessage();
            event("step failed", step.describe() + ": " + e.getMessage());
            stepFailure.compareAndSet(null, reason);
        }
    }

    private String victim(Step.Kill kill) {
        return engine.status(stack).containers().stream()
                .filter(replica -> "app".equals(replica.role()) && kill.service().equals(replica.service()))
                .filter(replica -> kill.replica() == 0 ? replica.ready() : replica.replica() == kill.replica())
                .map(StackStatus.Replica::name).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + (kill.replica() == 0 ? "ready replica"
                        : "replica " + kill.replica()) + " of " + kill.service() + " to kill"));
    }

    /**
     * The stack in the other mode at the same address. The limits are the defaults: the engine port does not give a
     * running stack's limits back.
     */
    private DesiredTopology topology(Step.SwitchMode step) {
        StackStatus status = engine.status(stack);
        int port = java.net.URI.create(status.url()).getPort();
        Map<String, Integer> counts = new TreeMap<>();
        step.mode().services().forEach(service -> counts.put(service, step.replicas()));
        return new DesiredTopology(stack, step.mode(), counts, Limits.DEFAULT, port);
    }

    private Map<String, Integer> readyReplicas() {
        try {
            Map<String, Integer> ready = new TreeMap<>();
            engine.status(stack).containers().stream()
                    .filter(replica -> "app".equals(replica.role()) && replica.ready())
                    .forEach(replica -> ready.merge(replica.service(), 1, Integer::sum));
            return ready;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private String liveLine(Second second) {
        LatencySummary latency = second.latency();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%4ds %-20s target %7s  ok %5d  err %4d  p50 %6s  p95 %6s  p99 %6s ", second.index(), phase,
                Durations.formatRate(second.targetRate()), second.ok(), second.errors(),
                LatencySummary.format(latency.p50Millis()), LatencySummary.format(latency.p95Millis()),
                LatencySummary.format(latency.p99Millis())));
        second.replicas().forEach((service, count) -> line.append(' ').append(service).append('=').append(count));
        return line.toString();
    }

    private void event(String kind, String text) {
        RunEvent event = new RunEvent(clock.millis(), kind, text);
        synchronized (this) {
            events.add(event);
        }
        eventListener.accept(event);
    }
}
