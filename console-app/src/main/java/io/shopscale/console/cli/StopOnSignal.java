package io.shopscale.console.cli;

import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, turns the first Ctrl-C (SIGINT) or SIGTERM into a call to {@code stop} instead of ending the JVM, so a
 * command can finish its work in an orderly way (a load run drains its requests, prints its report and its verdict,
 * and exits with the verdict's code). The first signal also puts the JVM's own handling back, so a second Ctrl-C
 * ends the process at once. Closing puts the earlier handlers back.
 */
final class StopOnSignal implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    private StopOnSignal() {
    }

    /**
     * Installs the handlers; where the JVM refuses a signal (it may keep one for itself), that signal keeps its
     * usual effect.
     *
     * @param stop called once, on the JVM's signal thread, for the first signal
     */
    static StopOnSignal install(Runnable stop) {
        StopOnSignal handlers = new StopOnSignal();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                SignalHandler previous = Signal.handle(signal, received -> {
                    handlers.close();
                    stop.run();
                });
                handlers.installed.add(new Installed(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException refused) {
                // This signal stays with the JVM.
            }
        }
        return handlers;
    }

    @Override
    public synchronized void close() {
        for (Installed handler : installed) {
            Signal.handle(handler.signal(), handler.previous());
        }
        installed.clear();
    }
}
