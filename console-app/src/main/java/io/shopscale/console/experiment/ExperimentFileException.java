package io.shopscale.console.experiment;

import java.util.List;
import java.util.stream.Collectors;

/** An experiment file that cannot run; carries every problem found, not only the first. */
public final class ExperimentFileException extends RuntimeException {

    private final transient List<Problem> problems;

    public ExperimentFileException(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.toText("experiment")).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
