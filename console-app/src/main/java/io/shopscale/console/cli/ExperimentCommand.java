package io.shopscale.console.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.shopscale.console.experiment.ExperimentParser;
import io.shopscale.console.experiment.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "experiment", description = "Experiment files: a timeline of load, scaling and kills with "
        + "assertions over windows (see experiments/README.md).",
        subcommands = {ExperimentCommand.Validate.class})
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
}
