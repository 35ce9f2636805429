package io.shopscale.console.window.experiments;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.experiment.Experiment;
import io.shopscale.console.experiment.ExperimentFileException;
import io.shopscale.console.experiment.ExperimentLibrary;
import io.shopscale.console.experiment.ExperimentParser;
import io.shopscale.console.experiment.ExperimentRunner;
import io.shopscale.console.experiment.ExperimentWriter;
import io.shopscale.console.experiment.LoadPort;
import io.shopscale.console.experiment.Recording;
import io.shopscale.console.experiment.ReportWriter;
import io.shopscale.console.experiment.RunClock;
import io.shopscale.console.experiment.RunEvent;
import io.shopscale.console.experiment.SessionRecorder;
import io.shopscale.console.experiment.Step;
import io.shopscale.console.experiment.Verdict;
import io.shopscale.console.topology.StackName;
import io.shopscale.console.window.Background;
import io.shopscale.console.window.Lane;

/**
 * The Experiments tab: a library experiment or a file is chosen and read; its run goes off the FX thread (lane
 * {@link Lane#EXPERIMENT}) with a progress bar (seconds run of the seconds planned) and each step ticking off as the
 * runner reports it; then the verdicts and the report folder, written under {@code reports}. Stopping interrupts the
 * run, whose clean-up still runs.
 */
public final class ExperimentsViewModel {

    /** Where a run's load comes from: the window's uses a load generator on the stack's URL. */
    @FunctionalInterface
    public interface Loads {
        /** A load ready to send at once (shoppers registered); closed after the run when it is AutoCloseable. */
        LoadPort open(URI target) throws Exception;
    }

    /** A step of the chosen experiment, as the list shows it; {@code state} is "", "running", "done" or "failed". */
    public static final class StepRow {
        private final String text;
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");

        StepRow(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public ReadOnlyStringProperty stateProperty() {
            return state.getReadOnlyProperty();
        }
    }

    private final ShopEngine engine;
    private final Background background;
    private final StackName stack;
    private final Supplier<String> url;
    private final Loads loads;
    private final Supplier<RunClock> clocks;
    private final Path reports;
    private final SessionRecorder session;

    private final ObservableList<String> library = FXCollections.observableArrayList(ExperimentLibrary.NAMES);
    private final StringProperty chosen = new SimpleStringProperty("");
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<String> verdicts = FXCollections.observableArrayList();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose an experiment.");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private Experiment experiment;
    private volatile Thread runThread;
    private long secondsRun;

    /**
     * @param url     the stack's shop URL, empty while no stack runs
     * @param clocks  a new run clock for each run ({@code RunClock::system} in the window)
     * @param reports the folder each run's report folder goes into
     * @param session the window's session, recorded since it opened (or since {@link #restartSession()})
     */
    public ExperimentsViewModel(ShopEngine engine, Background background, StackName stack, Supplier<String> url,
                                Loads loads, Supplier<RunClock> clocks, Path reports, SessionRecorder session) {
        this.engine = engine;
        this.background = background;
        this.stack = stack;
        this.url = url;
        this.loads = loads;
        this.clocks = clocks;
        this.reports = reports;
        this.session = session;
        chosen.addListener((observable, before, now) -> read(now));
    }

    public ObservableList<String> library() {
        return library;
    }

    /** A library experiment's name or a file's path; reading it fills the steps, or the status with its problems. */
    public StringProperty chosenProperty() {
        return chosen;
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public ObservableList<String> verdicts() {
        return verdicts;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last run's report.html, empty before. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** An experiment is read and none runs. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /**
     * Writes the session so far (slider moves, kills, mode switches, load changes) as an experiment file that
     * replays it, then chooses that file.
     */
    public void saveSession(Path file) {
        String name = "session " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        background.run(Lane.READ, () -> {
            String yaml = ExperimentWriter.yaml(session.experiment(name, "A session in the ShopScale window on stack "
                    + stack.value() + ", saved to replay it. Add assertions to make it an experiment."));
            Files.writeString(file, yaml);
            return file;
        }, saved -> {
            status.set("The session was saved as " + saved + ".");
            chosen.set(saved.toString());
        }, failure -> status.set("The session could not be saved: " + failure.getMessage()));
    }

    /** Forgets the session so far; what happens from now on is recorded. */
    public void restartSession() {
        session.restart();
        status.set("The session starts again now.");
    }

    /** Runs the chosen experiment on the stack. */
    public void run() {
        if (experiment == null || running.get()) {
            return;
        }
        String shop = url.get();
        if (shop == null || shop.isEmpty()) {
            status.set("Start the stack first: an experiment runs on a running stack.");
            return;
        }
        Experiment chosenExperiment = experiment;
        steps.forEach(row -> row.state.set(""));
        verdicts.clear();
        report.set("");
        progress.set(0);
        secondsRun = 0;
        running.set(true);
        ready.set(false);
        status.set("Registering shoppers …");
        long planned = chosenExperiment.duration().toSeconds() + 2 * chosenExperiment.steadyLength().toSeconds();
        Path folder = reports.resolve(folderName(chosenExperiment));
        background.run(Lane.EXPERIMENT, () -> runOffFxThread(chosenExperiment, URI.create(shop), planned,
                folder), this::finished, failure -> {
                    running.set(false);
                    ready.set(experiment != null);
                    status.set("The experiment could not run: " + failure.getMessage());
                });
    }

    /** Stops the running experiment; its clean-up runs, and its report is written all the same. */
    public void stop() {
        if (running.get()) {
            status.set("Stopping: the load stops and the clean-up runs …");
            // Not a cancel: the run ends as after an abort, and its verdicts and report still come back.
            Thread thread = runThread;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private Path runOffFxThread(Experiment chosenExperiment, URI shop, long planned, Path folder) throws Exception {
        runThread = Thread.currentThread();
        LoadPort load = loads.open(shop);
        ExecutorService engineLane = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shopscale-window-experiment-engine");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ExperimentRunner runner = new ExperimentRunner(chosenExperiment, engine, stack, load, clocks.get(),
                    engineLane, line -> background.onFxThread(() -> second(line, planned)));
            runner.onEvent(event -> background.onFxThread(() -> event(event)));
            Recording recording = runner.run();
            background.onFxThread(() -> recording.verdicts().stream().map(Verdict::toText).forEach(verdicts::add));
            return ReportWriter.write(recording, folder, "bin/shopctl experiment run " + chosen.get()
                    + " --report " + folder + " --stack " + stack.value());
        } finally {
            runThread = null;
            Thread.interrupted();
            engineLane.shutdown();
            if (load instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private void finished(Path html) {
        running.set(false);
        ready.set(experiment != null);
        progress.set(1);
        report.set(html.toAbsolutePath().toString());
        boolean passed = verdicts.stream().noneMatch(text -> !text.startsWith("PASSED"));
        status.set(passed ? "Every verdict passed." : "Some verdicts did not pass; the report says which and why.");
    }

    private void second(String line, long planned) {
        secondsRun++;
        progress.set(Math.min(0.99, (double) secondsRun / Math.max(1, planned)));
        status.set(line.strip());
    }

    /** Ticks off the first step with the event's text that has not reached the event's state yet. */
    private void event(RunEvent event) {
        String state = switch (event.kind()) {
            case "step" -> "running";
            case "step done" -> "done";
            case "step failed" -> "failed";
            default -> null;
        };
        if (state == null) {
            return;
        }
        for (StepRow row : steps) {
            boolean due = state.equals("running") ? row.state.get().isEmpty() : row.state.get().equals("running");
            if (due && row.text.equals(event.text())) {
                // A load or a mark is done as soon as it starts; an engine step when the engine says so.
                boolean instant = state.equals("running") && !isEngineStep(row.text);
                row.state.set(instant ? "done" : state);
                return;
            }
        }
    }

    private boolean isEngineStep(String text) {
        return experiment != null && experiment.timeline().stream().anyMatch(step -> step.describe().equals(text)
                && !(step instanceof Step.Load) && !(step instanceof Step.Mark));
    }

    private void read(String nameOrPath) {
        experiment = null;
        steps.clear();
        verdicts.clear();
        ready.set(false);
        if (nameOrPath == null || nameOrPath.isBlank()) {
            status.set("Choose an experiment.");
            return;
        }
        try {
            experiment = ExperimentParser.parse(ExperimentLibrary.read(nameOrPath));
        } catch (ExperimentFileException e) {
            List<String> problems = e.problems().stream().map(problem -> problem.toText(nameOrPath)).toList();
            status.set(String.join("\n", problems));
            return;
        } catch (Exception e) {
            status.set(e.getMessage());
            return;
        }
        experiment.timeline().forEach(step -> steps.add(new StepRow(step.describe())));
        experiment.cleanup().forEach(step -> steps.add(new StepRow(step.describe())));
        ready.set(!running.get());
        status.set(experiment.name() + ": " + experiment.description());
    }

    private static String folderName(Experiment experiment) {
        String slug = experiment.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return slug + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
