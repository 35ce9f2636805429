package io.shopscale.console.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.shopscale.console.docker.NoDockerEngineException;
import io.shopscale.console.load.LoadSettingsException;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.plan.PlanFailedException;
import io.shopscale.console.topology.TopologyException;

/**
 * What went wrong, as text for people, for {@code shopctl} and the window alike: the messages written for people as
 * they are, a failed step with its cause and what to do next, never a trace.
 */
public final class ProblemText {

    private ProblemText() {
    }

    /** @param afterAFailedStep what the user can do when a step of a plan failed, in the caller's words */
    public static String describe(Throwable problem, String afterAFailedStep) {
        Throwable e = problem;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof PlanFailedException failed) {
            return "Step failed: " + failed.failedStep().summary() + "\n" + failed.getMessage() + "\n"
                    + afterAFailedStep;
        }
        if (e instanceof NoDockerEngineException || e instanceof TopologyException
                || e instanceof IllegalStateException || e instanceof LoadSettingsException
                || e instanceof LoadSetupException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
