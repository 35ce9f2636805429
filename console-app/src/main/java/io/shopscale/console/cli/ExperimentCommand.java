package io.shopscale.console.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.engine.StackStatus;
import io.shopscale.console.experiment.Experiment;
import io.shopscale.console.experiment.ExperimentFileException;
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
        subcommands = {ExperimentCommand.Validate.class, ExperimentCommand.Run.class})
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
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no experiment file at " + file, e);
        }
    }

    @Command(name = "validate", description = {"Checks an experiment file without running it: every problem with its "
            + "line and column.", "Exits with 2 when the file has problems."})
    static final class Validate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The experiment file (YAML).")
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

        @Parameters(paramLabel = "FILE", description = "The experiment file (YAML).")
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
}
