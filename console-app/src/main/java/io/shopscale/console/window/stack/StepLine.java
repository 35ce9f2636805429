package io.shopscale.console.window.stack;

import java.util.Locale;

import io.shopscale.console.plan.ProgressEvent;

/** A plan step as one line of the window: {@code [3/9] start service:monolith:2 (scale up) … 0.4s}. */
final class StepLine {

    private StepLine() {
    }

    static String of(ProgressEvent event) {
        String step = "[" + event.step() + "/" + event.totalSteps() + "] " + event.operation().summary();
        if (event instanceof ProgressEvent.StepFinished finished) {
            return step + String.format(Locale.ROOT, "  done in %.1fs", finished.elapsed().toMillis() / 1000.0);
        }
        if (event instanceof ProgressEvent.StepFailed failed) {
            return step + "  FAILED: " + failed.reason().lines().findFirst().orElse("");
        }
        return step + " …";
    }
}
