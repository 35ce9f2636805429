package io.shopscale.console.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.metrics.TimeSource;

/**
 * Runs a {@link LoadPlan} once: a set-up phase (shoppers registered and logged in), then the measured phase, in
 * which one scheduler thread starts requests at the times the {@link RateSchedule} dictates and never waits for a
 * response. Each finished request goes to the {@link MetricsHub} and into the final {@link LoadReport}.
 *
 * <p>Latency counts from the intended start, not from the moment the request left: if the shop stalls, the
 * requests queued behind the stall count their waiting; if the generator itself falls behind (a GC pause, a busy
 * laptop), the late requests count their lateness. Both are the coordinated-omission correction. The late requests of
 * a long pause go out at up to twice the rate until the generator has caught up ({@link Arrivals}), not in one burst
 * that the shop would have to shed.
 */
public final class LoadGenerator {

    /** How long the scheduler sleeps at most, so stop() and rate changes take effect promptly. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Beyond the request timeout, how long the end waits for answers before reporting what it has. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(5);
    /**
     * Failed requests are logged this many times per kind (http 502, io, timeout, ...), with the exception or the
     * replica that answered, so that a red run says what happened; the rest are counted at the end.
     */
    private static final int LOGGED_PER_KIND = 3;
    /** Falling this far behind the schedule is logged, once until the generator has caught up. */
    private static final long BEHIND_LOGGED_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    private final LoadPlan plan;
    private final MetricsHub hub;
    private final TimeSource time;
    private final Transport transport;
    private final RunStatistics statistics = new RunStatistics();
    private final RequestPipeline pipeline;
    private final AtomicLong started = new AtomicLong();
    private final Map<String, AtomicInteger> loggedFailures = new ConcurrentHashMap<>();
    private final CompletableFuture<LoadReport> report = new CompletableFuture<>();

    private volatile ScenarioMix mix;
    private volatile boolean stopRequested;
    private volatile boolean rateChanged;
    private volatile RateSchedule schedule;
    private volatile Thread scheduler;
    private volatile Subscription liveLineSubscription;
    private volatile Consumer<LiveLine> liveLineListener = line -> { };
    private volatile ObjLongConsumer<CompletedRequest> requestListener = (request, intendedNanos) -> { };
    private ScenarioRequests requests;
    private volatile Instant runStart;

    /** Sends over HTTP to {@code plan.target()}; the hub also supplies the clock. */
    public LoadGenerator(LoadPlan plan, MetricsHub hub) {
        this(plan, hub, new SocketTransport(plan));
    }

    LoadGenerator(LoadPlan plan, MetricsHub hub, Transport transport) {
        this.plan = plan;
        this.hub = hub;
        this.time = hub.time();
        this.transport = transport;
        this.mix = plan.mix();
        this.pipeline = new RequestPipeline(transport, time, plan.connections(), plan.maxOutstanding(),
                plan.requestTimeout(), this::finished);
    }

    /**
     * Runs the set-up phase, then starts the measured phase on a thread of its own and returns. Blocks for the
     * set-up (a second or two), so call it off any UI thread.
     *
     * @throws LoadSetupException when the shop does not answer, or shoppers cannot register or log in
     * @throws IllegalStateException when this generator has been started before; make a new one per run
     */
    public synchronized void start() throws LoadSetupException, InterruptedException {
        if (requests != null) {
            throw new IllegalStateException("this load generator has already run; create a new one for each run");
        }
        try {
            requests = new ScenarioRequests(new ShopperPool(transport, plan).prepare(), plan.seed());
        } catch (LoadSetupException | InterruptedException | RuntimeException e) {
            transport.close();
            throw e;
        }
        long startNanos = time.nanoTime();
        runStart = hub.toInstant(startNanos);
        schedule = RateSchedule.ramping(plan.ramp().isZero() ? plan.rate() : 0, plan.rate(), plan.ramp(),
                startNanos);
        long endNanos = plan.runsUntilStopped() ? Long.MAX_VALUE : startNanos + plan.duration().toNanos();
        liveLineSubscription = hub.subscribe(sample -> {
            if (sample.end().isAfter(runStart)) {
                liveLineListener.accept(LiveLine.of(sample, runStart, schedule.rateAt(time.nanoTime()),
                        pipeline.waiting()));
            }
        });
        Thread thread = new Thread(() -> runMeasuredPhase(startNanos, endNanos), "shopscale-load-scheduler");
        thread.setDaemon(true);
        scheduler = thread;
        thread.start();
    }

    /** Starts, waits for the planned duration and the last answers, and returns the report. */
    public LoadReport run() throws LoadSetupException, InterruptedException {
        start();
        return awaitReport();
    }

    /**
     * Receives a {@link LiveLine} for each second the hub publishes during the run, on the hub's ticking thread, so
     * only while the hub ticks ({@link MetricsHub#startTicking()}). Replaces any earlier listener.
     */
    public void onLiveLine(Consumer<LiveLine> listener) {
        liveLineListener = listener == null ? line -> { } : listener;
    }

    /**
     * Also hands every finished request of the measured phase to {@code listener}, with the time it was due on the
     * hub's clock ({@link TimeSource#nanoTime()}), on the thread that finished it: for a check that needs each
     * latency rather than the hub's per-second summaries. Replaces any earlier listener.
     */
    public void onRequest(ObjLongConsumer<CompletedRequest> listener) {
        requestListener = listener == null ? (request, intendedNanos) -> { } : listener;
    }

    /** Changes the target while running; the rate ramps to it over the plan's ramp duration. */
    public void setRate(double requestsPerSecond) {
        setRate(requestsPerSecond, plan.ramp());
    }

    /** Changes the target while running; the rate ramps to it over {@code ramp} (zero jumps). */
    public void setRate(double requestsPerSecond, Duration ramp) {
        RateSchedule current = requireStarted();
        current.setRate(requestsPerSecond, ramp, time.nanoTime());
        rateChanged = true;
        LockSupport.unpark(scheduler);
    }

    /** When the measured phase started, on the hub's timeline; null before {@link #start()} has returned. */
    public Instant startedAt() {
        return runStart;
    }

    public double targetRate() {
        RateSchedule current = schedule;
        return current == null ? plan.rate() : current.targetRate();
    }

    /** Changes the mix for the requests started from now on. */
    public void setMix(ScenarioMix newMix) {
        if (newMix == null) {
            throw new LoadSettingsException("the scenario mix is missing");
        }
        if (plan.shoppers() == 0
                && (newMix.weight(Scenario.LOGIN) > 0 || newMix.weight(Scenario.ORDER) > 0)) {
            throw new LoadSettingsException("this run has no shoppers, so login and order must keep a weight of 0");
        }
        mix = newMix;
    }

    public ScenarioMix mix() {
        return mix;
    }

    /** Ends the measured phase now; the report follows once the requests in flight have finished. */
    public void stop() {
        stopRequested = true;
        Thread thread = scheduler;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    public boolean isRunning() {
        return scheduler != null && !report.isDone();
    }

    /** Completes with the report when the run is over. */
    public CompletableFuture<LoadReport> report() {
        return report;
    }

    public LoadReport awaitReport() throws InterruptedException {
        requireStarted();
        try {
            return report.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the load run failed: " + e.getCause(), e.getCause());
        }
    }

    private void runMeasuredPhase(long startNanos, long endNanos) {
        try {
            Arrivals arrivals = new Arrivals(schedule, startNanos, endNanos);
            long now = time.nanoTime();
            boolean behind = false;
            while (!stopRequested && !arrivals.isOver(now)) {
                if (rateChanged) {
                    rateChanged = false;
                    arrivals.rescheduleFrom(now);
                }
                long lateness = arrivals.lateness(now);
                if (lateness > BEHIND_LOGGED_NANOS && !behind) {
                    LOG.warn("the load generator is {} ms behind its schedule: this process or its host paused. The "
                            + "late requests go out at up to {} times the rate until it has caught up, and their "
                            + "lateness counts as latency", lateness / 1_000_000, Arrivals.CATCH_UP);
                }
                behind = lateness > BEHIND_LOGGED_NANOS || behind && lateness > 0;
                arrivals.startDue(now, this::startRequest);
                long untilNext = arrivals.next() - time.nanoTime();
                if (untilNext > 0) {
                    LockSupport.parkNanos(Math.min(untilNext, MAX_PARK_NANOS));
                }
                now = time.nanoTime();
            }
            // After a stop, what fell due since the last turn still starts.
            arrivals.startDue(now, this::startRequest);
            double seconds = (Math.min(now, endNanos) - startNanos) / 1e9;
            pipeline.awaitIdle(plan.requestTimeout().plus(DRAIN_MARGIN));
            double untilLastOutcome = Math.max(seconds, (time.nanoTime() - startNanos) / 1e9);
            report.complete(LoadReport.of(plan, mix, schedule.targetRate(), seconds, untilLastOutcome, started.get(),
                    statistics));
            logUnloggedFailures();
        } catch (Throwable failure) {
            report.completeExceptionally(failure);
        } finally {
            liveLineSubscription.close();
            transport.close();
        }
    }

    private void startRequest(long intendedNanos) {
        ScenarioCall call = requests.next(mix.pick(requests.nextUniform()));
        started.incrementAndGet();
        pipeline.submit(call, intendedNanos);
    }

    private void finished(ScenarioCall call, long intendedNanos, Outcome outcome) {
        CompletedRequest completed = outcome.asCompletedRequest(call.scenario().service());
        statistics.record(call.scenario(), completed);
        hub.recordRequest(completed);
        requestListener.accept(completed, intendedNanos);
        if (outcome.ok() && call.shopper() != null) {
            String token = ShopJson.token(outcome.reply().body());
            if (token != null) {
                call.shopper().useToken(token);
            }
        }
        if (outcome.error() != null) {
            logFailure(call, outcome);
        }
    }

    private void logFailure(ScenarioCall call, Outcome outcome) {
        int count = loggedFailures.computeIfAbsent(outcome.error().label(), kind -> new AtomicInteger())
                .incrementAndGet();
        if (count > LOGGED_PER_KIND) {
            return;
        }
        if (outcome.error() == ErrorKind.OTHER && outcome.failure() != null) {
            LOG.warn("{} failed in the generator itself", call.request().describe(), outcome.failure());
        } else if (outcome.failure() != null) {
            LOG.warn("{} ({}) got {}: {}: {}", call.request().describe(), call.scenario().label(), outcome.error(),
                    outcome.failure().getClass().getName(), outcome.failure().getMessage());
        } else if (outcome.reply() != null) {
            String from = outcome.reply().replica() == null ? "nginx" : outcome.reply().replica();
            LOG.warn("{} ({}) got {} from {}: {}", call.request().describe(), call.scenario().label(),
                    outcome.error(), from, ShopJson.problemDetail(outcome.reply().body()));
        } else {
            LOG.warn("{} ({}) got {}", call.request().describe(), call.scenario().label(), outcome.error());
        }
    }

    private void logUnloggedFailures() {
        loggedFailures.forEach((kind, count) -> {
            if (count.get() > LOGGED_PER_KIND) {
                LOG.warn("{} more requests got {} and were not logged one by one", count.get() - LOGGED_PER_KIND,
                        kind);
            }
        });
    }

    private RateSchedule requireStarted() {
        RateSchedule current = schedule;
        if (current == null) {
            throw new IllegalStateException("the load generator has not been started");
        }
        return current;
    }
}
