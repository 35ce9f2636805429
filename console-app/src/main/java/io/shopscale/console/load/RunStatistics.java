package io.shopscale.console.load;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.shopscale.console.metrics.CompletedRequest;
import io.shopscale.console.metrics.Traffic;
import io.shopscale.console.metrics.TrafficRecorder;

/** The whole run's counts and histograms: overall, per scenario, per service. Thread-safe. */
final class RunStatistics {

    private final TrafficRecorder total = TrafficRecorder.precise();
    private final Map<Scenario, TrafficRecorder> scenarios = new EnumMap<>(Scenario.class);
    private final Map<String, TrafficRecorder> services = new TreeMap<>();

    synchronized void record(Scenario scenario, CompletedRequest request) {
        total.record(request);
        scenarios.computeIfAbsent(scenario, any -> TrafficRecorder.precise()).record(request);
        services.computeIfAbsent(request.service(), any -> TrafficRecorder.precise()).record(request);
    }

    synchronized Traffic total() {
        return total.snapshot();
    }

    /** Keyed by scenario label, in {@link Scenario} order. */
    synchronized Map<String, Traffic> byScenario() {
        Map<String, Traffic> snapshots = new LinkedHashMap<>();
        scenarios.forEach((scenario, recorder) -> snapshots.put(scenario.label(), recorder.snapshot()));
        return snapshots;
    }

    synchronized Map<String, Traffic> byService() {
        Map<String, Traffic> snapshots = new TreeMap<>();
        services.forEach((service, recorder) -> snapshots.put(service, recorder.snapshot()));
        return snapshots;
    }
}
