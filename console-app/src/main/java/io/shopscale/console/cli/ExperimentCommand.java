package io.shopscale.console.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.experiment.CurveReport;
import io.shopscale.console.experiment.Durations;
import io.shopscale.console.experiment.Experiment;
import io.shopscale.console.experiment.HostCpu;
import io.shopscale.console.experiment.ScalingCurve;
import io.shopscale.console.experiment.ExperimentFileException;
import io.shopscale.console.experiment.ExperimentLibrary;
import io.shopscale.console.experiment.ExperimentParser;
import io.shopscale.console.experiment.ExperimentRunner;
import io.shopscale.console.experiment.GeneratorLoad;
import io.shopscale.console.experiment.Problem;
import io.shopscale.console.experiment.Recording;
import io.shopscale.console.experiment.ReportWriter;
import io.shopscale.console.experiment.RunClock;
import io.shopscale.console.experiment.Verdict;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Subscription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "experiment", description = "Experiment files: a timeline of load, scaling and kills with "
        + "assertions over windows (see experiments/README.md).",
        subcommands = {ExperimentCommand.Validate.class, ExperimentCommand.Run.class, ExperimentCommand.Curve.class})
final class ExperimentCommand implements Callable<Integer> {

    /** The file has problems; the same code picocli gives bad usage. */
    static final int INVALID_FILE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return INVALID_FILE;
    }

    static String read(Path file) throws IOException {
        return ExperimentLibrary.read(file.toString());
    }

    @Command(name = "validate", description = {"Checks an experiment file without running it: every problem with its "
            + "line and column.", "Exits with 2 when the file has problems."})
    static final class Validate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The experiment file (YAML), or the name of an "
                + "experiment of the library (see experiments/README.md).")
        Path file;

        @Override
        public Integer call() throws IOException {
            List<Problem> problems = ExperimentParser.validate(read(file));
            problems.forEach(problem -> spec.commandLine().getErr().println(problem.toText(file.toString())));
            if (!problems.isEmpty()) {
                spec.commandLine().getErr().println(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
                return INVALID_FILE;
            }
            spec.commandLine().getOut().println(file + ": valid");
            return 0;
        }
    }

    @Command(name = "run", description = {"Runs an experiment on a running stack: a live line each second, the "
            + "verdicts at the end, and a report folder.", "Exits with 99 when an assertion or the steady state fails "
            + "or the run was aborted, with 2 when the file has problems."})
    static final class Run extends EngineCommand {

        @Parameters(paramLabel = "FILE", description = "The experiment file (YAML), or the name of an "
                + "experiment of the library (see experiments/README.md).")
        Path file;

        @CommandLine.Option(names = "--report", required = true, paramLabel = "DIR",
                description = "Folder for report.html, the per-second series (CSV, JSON) and the histogram log.")
        Path report;

        @Override
        public Integer call() throws Exception {
            String source = read(file);
            Experiment experiment;
            try {
                experiment = ExperimentParser.parse(source);
            } catch (ExperimentFileException e) {
                e.problems().forEach(problem -> spec.commandLine().getErr().println(problem.toText(file.toString())));
                return INVALID_FILE;
            }
            ShopEngine engine = engine();
            StackStatus status = engine.status(stackName());
            if (!status.exists()) {
                throw new IllegalStateException("stack " + stack + " is not running; start it with `shopctl up`");
            }
            out().println("experiment " + experiment.name() + " on stack " + stack + " at " + status.url());
            Recording recording;
            ExecutorService engineLane = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "shopscale-experiment-engine");
                thread.setDaemon(true);
                return thread;
            });
            try (MetricsHub hub = new MetricsHub().startTicking();
                 Subscription monitor = engine.monitor(stackName(), hub);
                 GeneratorLoad load = new GeneratorLoad(URI.create(status.url()), hub)) {
                out().println("registering shoppers ...");
                load.prepare();
                ExperimentRunner runner = new ExperimentRunner(experiment, engine, stackName(), load,
                        RunClock.system(), engineLane, out()::println);
                Thread running = Thread.currentThread();
                java.util.concurrent.CountDownLatch cleanedUp = new java.util.concurrent.CountDownLatch(1);
                // Ctrl-C ends the timeline; the JVM waits for the clean-up before it exits.
                Thread stopOnSignal = new Thread(() -> {
                    running.interrupt();
                    try {
                        cleanedUp.await(5, java.util.concurrent.TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(stopOnSignal);
                try {
                    recording = runner.run();
                } finally {
                    cleanedUp.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(stopOnSignal);
                    } catch (IllegalStateException shuttingDown) {
                        // The hook has run.
                    }
                }
            } finally {
                engineLane.shutdown();
            }
            recording.verdicts().stream().map(Verdict::toText).forEach(out()::println);
            out().println(recording.outcomeText());
            Path html = ReportWriter.write(recording, report, "bin/shopctl experiment run " + file + " --report "
                    + report + " --stack " + stack);
            out().println("report: " + html.toAbsolutePath());
            return recording.passed() ? 0 : LoadCommand.THRESHOLD_CROSSED;
        }
    }

    @Command(name = "curve", description = {"The scaling curve, a built-in experiment: for each replica count the highest "
            + "rate held within a p99 target, the Universal Scalability Law fitted to them (sigma, kappa), and why N "
            + "replicas do not give N times.", "Writes curve.html and curve.json into the report folder."})
    static final class Curve extends EngineCommand {

        @CommandLine.Option(names = "--service", defaultValue = "monolith", description = "The service to scale "
                + "(default: ${DEFAULT-VALUE}).")
        String service;

        @CommandLine.Option(names = "--replicas", defaultValue = "1,2,3", split = ",", description = "Replica counts, "
                + "one of them 1 (default: ${DEFAULT-VALUE}).")
        List<Integer> replicas;

        @CommandLine.Option(names = "--p99", defaultValue = "500ms", description = "The p99 a rate must stay within "
                + "(default: ${DEFAULT-VALUE}).")
        String p99;

        @CommandLine.Option(names = "--start-rate", defaultValue = "20", description = "One replica's first rate, "
                + "requests/s: the first count, N replicas, starts at N times it, each later count at its linear "
                + "share of the rate the count before it held (default: ${DEFAULT-VALUE}).")
        double startRate;

        @CommandLine.Option(names = "--step", defaultValue = "10", description = "Requests/s added per probe "
                + "(default: ${DEFAULT-VALUE}).")
        double step;

        @CommandLine.Option(names = "--warm-up", defaultValue = "30s", description = "Load at the last rate held "
                + "after each scale, before probing (default: ${DEFAULT-VALUE}).")
        String warmUp;

        @CommandLine.Option(names = "--hold", defaultValue = "12s", description = "How long each rate is sent "
                + "(default: ${DEFAULT-VALUE}).")
        String hold;

        @CommandLine.Option(names = "--misses", defaultValue = "1", description = "Probes in a row that do not hold "
                + "and end a count's climb; 2 lets one hiccup pass (default: ${DEFAULT-VALUE}).")
        int misses;

        @CommandLine.Option(names = "--report", required = true, paramLabel = "DIR", description = "Folder for "
                + "curve.html and curve.json.")
        Path report;

        @Override
        public Integer call() throws Exception {
            ScalingCurve.Settings settings = new ScalingCurve.Settings(service, replicas, startRate, step,
                    Durations.parse(p99).toMillis(), Durations.parse(warmUp), Durations.parse(hold), 0.01, misses);
            ShopEngine engine = engine();
            StackStatus status = engine.status(stackName());
            if (!status.exists()) {
                throw new IllegalStateException("stack " + stack + " is not running; start it with `shopctl up`");
            }
            ScalingCurve.Result result;
            try (MetricsHub hub = new MetricsHub().startTicking();
                 Subscription monitor = engine.monitor(stackName(), hub);
                 GeneratorLoad load = new GeneratorLoad(URI.create(status.url()), hub)) {
                out().println("registering shoppers ...");
                load.prepare();
                result = new ScalingCurve(settings, engine, stackName(), load, RunClock.system(), HostCpu.local(),
                        out()::println).run();
            }
            double one = result.points().stream().filter(point -> point.replicas() == 1)
                    .mapToDouble(ScalingCurve.Point::rate).findFirst().orElse(0);
            result.points().forEach(point -> out().println(pointLine(point, one)));
            if (result.fit() != null) {
                out().printf(java.util.Locale.ROOT, "USL: lambda %.1f/s, sigma %.4f, kappa %.5f%n",
                        result.fit().lambda(), result.fit().sigma(), result.fit().kappa());
            }
            out().println(result.explanation());
            out().println("report: " + CurveReport.write(result, report).toAbsolutePath());
            return 0;
        }

        /** {@code 3 replicas: 72/s held, p99 480 ms, 2.88x 1 replica, host CPU 81%}; no ratio without 1 replica. */
        static String pointLine(ScalingCurve.Point point, double oneReplicaRate) {
            String ratio = oneReplicaRate > 0 ? String.format(java.util.Locale.ROOT, ", %.2fx 1 replica",
                    point.rate() / oneReplicaRate) : "";
            String p99 = Double.isNaN(point.p99Millis()) ? "" : String.format(java.util.Locale.ROOT, ", p99 %.0f ms",
                    point.p99Millis());
            return String.format(java.util.Locale.ROOT, "%d replicas: %s held%s%s, host CPU %s", point.replicas(),
                    Durations.formatRate(point.rate()), p99, ratio, Double.isNaN(point.hostCpu()) ? "unknown"
                            : String.format(java.util.Locale.ROOT, "%.0f%%", point.hostCpu() * 100));
        }
    }
}
