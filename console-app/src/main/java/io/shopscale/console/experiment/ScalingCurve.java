package io.shopscale.console.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.topology.StackName;

/**
 * The scaling curve: for each replica count, the highest rate the stack sustains within a p99 target, and
 * Gunther's Universal Scalability Law fitted to those points ({@link UslFit}).
 *
 * <p>For each count it scales the service, sends the starting rate for the warm-up (a new replica's slow start and
 * JIT), then raises the rate by a step at a time; a probe holds when, over its measured seconds (after a settle of a
 * quarter of the hold), the merged p99 is within the target, the error rate within its limit and the goodput at least
 * 95 % of the rate sent. The first probe that does not hold ends the count (or the {@code missesToStop}-th in a row,
 * so that one hiccup, a collection or a compilation in a replica, does not end a climb). Each count starts where
 * linear scaling would put it, the previous count's highest rate times the ratio of the counts (on the grid of rates
 * the climb tries; the first count, the start rate times its replicas: the start rate is one replica's), and climbs
 * from there, or steps down (to the start rate at least) until a rate holds and goes on from it as a climb that has
 * missed once (so with two misses to stop, the rate above is tried again): measured from the largest count down, a
 * smaller count is not first overloaded for minutes at the larger count's rate, nor the largest climbed to from one
 * replica's rate. The host's CPU is read over each probe, to tell a saturated host from the law's contention and
 * coherency. Not thread-safe: one run per instance.
 */
public final class ScalingCurve {

    /** A probe holds when its goodput is at least this share of the rate sent. */
    static final double MIN_GOODPUT_SHARE = 0.95;

    /**
     * @param rateStep        requests/s added per probe
     * @param p99TargetMillis the p99 a probe must stay within, in milliseconds
     * @param maxErrorRate    a share, 0 to 1
     * @param missesToStop    probes in a row that do not hold and end a count's climb, 1 or more
     */
    public record Settings(String service, List<Integer> replicas, double startRate, double rateStep,
                           double p99TargetMillis, Duration warmUp, Duration hold, double maxErrorRate,
                           int missesToStop) {
        public Settings {
            replicas = List.copyOf(replicas);
            if (replicas.isEmpty() || startRate <= 0 || rateStep <= 0 || hold.toSeconds() < 2 || missesToStop < 1) {
                throw new IllegalArgumentException("a scaling curve needs replica counts, a start rate and a step "
                        + "above 0, a hold of 2 s or more, and 1 miss or more to end a climb");
            }
        }

        /** A climb ends at its first miss. */
        public Settings(String service, List<Integer> replicas, double startRate, double rateStep,
                        double p99TargetMillis, Duration warmUp, Duration hold, double maxErrorRate) {
            this(service, replicas, startRate, rateStep, p99TargetMillis, warmUp, hold, maxErrorRate, 1);
        }
    }

    /** One rate tried at one replica count; {@code hostCpu} is a busy share, NaN when unknown. */
    public record Probe(int replicas, double rate, WindowStats stats, double hostCpu, boolean held) {
    }

    /**
     * The highest rate held at a replica count; rate 0 when none held.
     *
     * @param p99Millis the p99 at that rate
     * @param hostCpu   the host's CPU busy share where the climb stopped: at the lowest rate that missed above the one
     *                  held (what kept the count from going higher), else at the rate held; NaN when unknown
     */
    public record Point(int replicas, double rate, double p99Millis, double hostCpu) {
    }

    /**
     * @param fit         null when the points cannot determine the law
     * @param explanation why N replicas do not give N times, for people
     */
    public record Result(Settings settings, List<Probe> probes, List<Point> points, UslFit fit, String explanation) {
        public Result {
            probes = List.copyOf(probes);
            points = List.copyOf(points);
        }
    }

    private final Settings settings;
    private final ShopEngine engine;
    private final StackName stack;
    private final LoadPort load;
    private final RunClock clock;
    private final HostCpu cpu;
    private final Consumer<String> lines;
    private final List<Second> seconds = new ArrayList<>();

    public ScalingCurve(Settings settings, ShopEngine engine, StackName stack, LoadPort load, RunClock clock,
                        HostCpu cpu, Consumer<String> lines) {
        this.settings = settings;
        this.engine = engine;
        this.stack = stack;
        this.load = load;
        this.clock = clock;
        this.cpu = cpu;
        this.lines = lines;
    }

    /** Runs every replica count; the load stops at the end, however it ends. */
    public Result run() throws InterruptedException {
        List<Probe> probes = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        try {
            for (int replicas : settings.replicas()) {
                Point previous = points.isEmpty() ? new Point(1, settings.startRate(), Double.NaN, Double.NaN)
                        : points.get(points.size() - 1);
                double from = linearShare(previous, replicas);
                lines.accept("scaling " + settings.service() + " to " + replicas);
                engine.scale(stack, Map.of(settings.service(), replicas), ShopEngine.EngineListener.IGNORE);
                load.set(from, Duration.ZERO, null);
                clock.sleepUntil(clock.millis() + settings.warmUp().toMillis());
                collect();
                Probe best = null;
                boolean down = false;
                int misses = 0;
                double rate = from;
                while (true) {
                    Probe probe = probe(replicas, rate);
                    probes.add(probe);
                    lines.accept(String.format(Locale.ROOT, "%d replicas at %s: p99 %.0f ms, errors %.2f%%, "
                                    + "goodput %.1f/s, host CPU %s  %s", replicas, Durations.formatRate(rate),
                            probe.stats().latency().p99Millis(), probe.stats().errorRate() * 100,
                            probe.stats().goodput(), percent(probe.hostCpu()), probe.held() ? "held" : "missed"));
                    if (probe.held()) {
                        best = probe;
                        misses = 0;
                        if (down) {
                            // The rate above missed once: as in a climb, that is one miss, and it ends the count
                            // only when one miss is enough; else the rate above is tried again.
                            down = false;
                            misses = 1;
                            if (misses >= settings.missesToStop()) {
                                break;
                            }
                        }
                        rate += settings.rateStep();
                    } else if (best != null && ++misses < settings.missesToStop()) {
                        rate += settings.rateStep();
                    } else if (best == null && rate - settings.rateStep() >= settings.startRate()) {
                        // The previous count's rate is too much for this one: step down until a rate holds.
                        down = true;
                        rate -= settings.rateStep();
                    } else {
                        break;
                    }
                }
                points.add(best == null ? new Point(replicas, 0, Double.NaN, probes.get(probes.size() - 1).hostCpu())
                        : new Point(replicas, best.rate(), best.stats().latency().p99Millis(),
                                stoppedAt(probes, best).hostCpu()));
            }
        } finally {
            load.stop();
        }
        UslFit fit = fit(points);
        return new Result(settings, probes, points, fit, explain(points, fit));
    }

    private Probe probe(int replicas, double rate) throws InterruptedException {
        load.set(rate, Duration.ZERO, null);
        collect();
        long start = clock.millis();
        long[] before = cpu.read();
        clock.sleepUntil(start + settings.hold().toMillis() + ExperimentRunner.SETTLE_MILLIS);
        long[] after = cpu.read();
        collect();
        long firstSecond = (start + 999) / 1000 + Math.max(1, settings.hold().toSeconds() / 4);
        long endSecond = (start + settings.hold().toMillis()) / 1000;
        WindowStats stats = WindowStats.of(seconds, new Window(firstSecond, endSecond));
        boolean held = stats.requests() > 0 && stats.latency().p99Millis() <= settings.p99TargetMillis()
                && stats.errorRate() <= settings.maxErrorRate() && stats.goodput() >= MIN_GOODPUT_SHARE * rate;
        return new Probe(replicas, rate, stats, cpu.busyShare(before, after), held);
    }

    /**
     * Where a count's climb starts: the rate {@code previous} held times {@code replicas / previous.replicas()}, rounded
     * down onto the rates a climb tries (the start rate plus whole steps), and the start rate at least.
     */
    double linearShare(Point previous, int replicas) {
        double linear = previous.rate() * replicas / previous.replicas();
        double steps = Math.floor((linear - settings.startRate()) / settings.rateStep() + 1e-9);
        return settings.startRate() + Math.max(0, steps) * settings.rateStep();
    }

    private void collect() {
        seconds.addAll(load.finishedSeconds(clock.startedAt()));
    }

    /** The law through the points that held a rate, or null when they cannot determine it. */
    static UslFit fit(List<Point> points) {
        List<UslFit.Point> held = points.stream().filter(point -> point.rate() > 0)
                .map(point -> new UslFit.Point(point.replicas(), point.rate())).toList();
        try {
            return UslFit.fit(held);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The probe that stopped the climb at {@code best}'s count: the lowest rate missed above it, else {@code best}. */
    static Probe stoppedAt(List<Probe> probes, Probe best) {
        return probes.stream().filter(probe -> probe.replicas() == best.replicas() && !probe.held()
                        && probe.rate() > best.rate())
                .min(java.util.Comparator.comparingDouble(Probe::rate)).orElse(best);
    }

    /**
     * One or two sentences on why N replicas did not give N times: a saturated host (its CPU at or above 90 % busy
     * at the largest count), else the law's coherency (when throughput peaks within twice the counts measured), else
     * its contention. The points may come in any order of counts (bin/bench-scaling measures 3, 2, 1).
     */
    static String explain(List<Point> points, UslFit fit) {
        List<Point> byCount = points.stream().sorted(java.util.Comparator.comparingInt(Point::replicas)).toList();
        Point first = byCount.get(0);
        Point last = byCount.get(byCount.size() - 1);
        StringBuilder text = new StringBuilder();
        if (first.rate() > 0 && last.replicas() > first.replicas()) {
            text.append(String.format(Locale.ROOT, "%d replicas held %s, %.2f times what %d held (%d times would "
                            + "be linear). ", last.replicas(), Durations.formatRate(last.rate()),
                    last.rate() / first.rate(), first.replicas(), last.replicas() / first.replicas()));
        }
        if (last.hostCpu() >= HostCpu.SATURATED) {
            text.append(String.format(Locale.ROOT, "The host was saturated: its CPU was %s busy at %d replicas, "
                    + "so the replicas, nginx, PostgreSQL and the load generator shared the same cores, and a "
                    + "replica more adds no capacity the host does not have; the law's σ and κ then describe the "
                    + "host, not the shop.", percent(last.hostCpu()), last.replicas()));
        } else if (fit == null) {
            text.append("The law needs a rate held at 1 replica and at three different counts.");
        } else if (fit.kappa() > 0 && fit.peakReplicas() <= 2.0 * last.replicas()) {
            text.append(String.format(Locale.ROOT, "Coherency dominates (κ = %.4f): keeping the replicas in step "
                    + "(the shared database, its locks and connections) costs more with each replica, and "
                    + "throughput peaks at about %.1f replicas.", fit.kappa(), fit.peakReplicas()));
        } else {
            text.append(String.format(Locale.ROOT, "Contention dominates (σ = %.3f): a share of each request waits "
                    + "for something all replicas share (the database, nginx), so throughput approaches %s however "
                    + "many replicas run.", fit.sigma(), fit.sigma() > 0
                    ? Durations.formatRate(fit.lambda() / fit.sigma()) : "no limit"));
        }
        return text.toString();
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
