package io.shopscale.console.cli;

import java.io.PrintWriter;

import io.shopscale.console.engine.EngineEvent;
import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.plan.ProgressEvent;

/**
 * Prints the engine's events: each plan step when it ends, with how long it took (and when it starts, if it may take
 * a while), and every other event as its one-line summary.
 */
final class EventPrinter implements ShopEngine.EngineListener {

    private final PrintWriter out;

    EventPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(EngineEvent event) {
        if (event instanceof EngineEvent.Step step) {
            ProgressEvent progress = step.progress();
            if (!(progress instanceof ProgressEvent.StepStarted) || isSlow(progress)) {
                out.println(event.summary());
            }
        } else {
            out.println(event.summary());
        }
        out.flush();
    }

    private static boolean isSlow(ProgressEvent event) {
        String verb = event.operation().verb();
        return verb.startsWith("wait") || verb.equals("drain") || verb.equals("stop");
    }
}
