package io.shopscale.console.engine;

import java.util.Locale;

import io.shopscale.console.plan.ProgressEvent;

/**
 * A plan step as one line, for the window's activity list and the command line:
 * {@code [3/9] start service:monolith:2 (scale up)  done in 0.4s}.
 */
public final class StepText {

    private StepText() {
    }

    public static String of(ProgressEvent event) {
        String step = "[" + event.step() + "/" + event.totalSteps() + "] " + event.operation().summary();
        if (event instanceof ProgressEvent.StepFinished finished) {
            return step + String.format(Locale.ROOT, "  done in %.1fs", finished.elapsed().toMillis() / 1000.0);
        }
        if (event instanceof ProgressEvent.StepFailed failed) {
            return step + String.format(Locale.ROOT, "  FAILED after %.1fs: ", failed.elapsed().toMillis() / 1000.0)
                    + failed.reason().lines().findFirst().orElse("");
        }
        return step + " …";
    }
}
