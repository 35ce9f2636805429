package io.shopscale.console.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shopscale.console.fault.Fault;
import io.shopscale.console.fault.FaultChange;

/**
 * A span of a run during which one fault was in force, for the report's shaded bands.
 *
 * @param fault the fault's text form ({@code latency payments 800ms})
 * @param start seconds since the run started, inclusive
 * @param end   seconds since the run started, exclusive
 */
public record FaultWindow(String fault, long start, long end) {

    /**
     * The windows of the faults that {@code experiment}'s fault steps switch, shifted by {@code timelineStart}: a fault
     * is in force from its step until the step that clears it (or switches the same fault again), a {@code clear all},
     * or {@code runEnd}. A {@code down} is a one-off (a kill), not a window. Ordered by start.
     *
     * @param timelineStart the second since the run started at which the timeline started
     * @param runEnd        the second since the run started at which the run ended
     */
    public static List<FaultWindow> of(Experiment experiment, long timelineStart, long runEnd) {
        List<FaultWindow> windows = new ArrayList<>();
        Map<String, FaultWindow> open = new LinkedHashMap<>();
        for (Step step : experiment.timeline()) {
            if (!(step instanceof Step.SwitchFault switched)) {
                continue;
            }
            long at = Math.min(timelineStart + step.at().toSeconds(), runEnd);
            FaultChange change = switched.change();
            if (change instanceof FaultChange.On on) {
                Fault fault = on.fault();
                close(open.remove(fault.key()), at, windows);
                if (!(fault instanceof Fault.Down)) {
                    open.put(fault.key(), new FaultWindow(fault.toText(), at, runEnd));
                }
            } else if (change instanceof FaultChange.Off off) {
                close(open.remove(off.key()), at, windows);
            } else {
                open.values().forEach(window -> close(window, at, windows));
                open.clear();
            }
        }
        windows.addAll(open.values());
        windows.sort(java.util.Comparator.comparingLong(FaultWindow::start));
        return List.copyOf(windows);
    }

    private static void close(FaultWindow window, long at, List<FaultWindow> windows) {
        if (window != null && at > window.start) {
            windows.add(new FaultWindow(window.fault, window.start, at));
        }
    }
}
