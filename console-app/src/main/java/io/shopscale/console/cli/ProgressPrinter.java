package io.shopscale.console.cli;

import java.io.PrintWriter;

import io.shopscale.console.plan.ProgressEvent;
import io.shopscale.console.plan.ProgressListener;

/** Prints each plan step when it ends, with how long it took. */
final class ProgressPrinter implements ProgressListener {

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onProgress(ProgressEvent event) {
        String step = String.format("[%2d/%d] %s", event.step(), event.totalSteps(), event.operation().summary());
        if (event instanceof ProgressEvent.StepStarted && isSlow(event)) {
            out.println(step + " ...");
        } else if (event instanceof ProgressEvent.StepFinished finished) {
            out.println(step + String.format("  %.1fs", finished.elapsed().toMillis() / 1000.0));
        } else if (event instanceof ProgressEvent.StepFailed failed) {
            out.println(step + "  FAILED: " + failed.reason().lines().findFirst().orElse(""));
        }
        out.flush();
    }

    private static boolean isSlow(ProgressEvent event) {
        String verb = event.operation().verb();
        return verb.startsWith("wait") || verb.equals("drain") || verb.equals("stop");
    }
}
