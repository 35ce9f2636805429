package io.shopscale.console.window;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.shopscale.console.docker.NoDockerEngineException;
import io.shopscale.console.load.LoadSettingsException;
import io.shopscale.console.load.LoadSetupException;
import io.shopscale.console.plan.PlanFailedException;
import io.shopscale.console.topology.TopologyException;

/** Turns what went wrong into text for the window: the messages written for people as they are, never a trace. */
public final class Problems {

    private Problems() {
    }

    public static String describe(Throwable problem) {
        Throwable e = problem;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof PlanFailedException failed) {
            return "Step failed: " + failed.failedStep().summary() + "\n" + failed.getMessage()
                    + "\nThe stack stays as it is now; doing the same again carries on from here.";
        }
        if (e instanceof NoDockerEngineException || e instanceof TopologyException
                || e instanceof IllegalStateException || e instanceof LoadSettingsException
                || e instanceof LoadSetupException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
