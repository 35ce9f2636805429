package io.shopscale.console.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Counts requests into a {@link Traffic}. Not thread-safe: its owner holds a lock, because one lock around a few
 * recorders is cheaper than a concurrent histogram each.
 */
public final class TrafficRecorder {

    /** Anything slower is recorded as an hour; a request that long is broken either way. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /**
     * The replica header comes from the network; a misbehaving server naming a new replica on every response must
     * not grow the map without bound.
     */
    static final int MAX_REPLICAS = 64;
    static final String OTHER_REPLICAS = "(other)";

    private final Histogram latencyMicros;
    private final Histogram servedMicros;
    private final Map<String, Long> errorsByKind = new TreeMap<>();
    private final Map<String, Long> replicaRequests = new TreeMap<>();
    private long ok;
    private long errors;

    private TrafficRecorder(int significantDigits) {
        latencyMicros = new Histogram(HIGHEST_MICROS, significantDigits);
        servedMicros = new Histogram(HIGHEST_MICROS, significantDigits);
    }

    /** Three significant digits: what a final report prints. */
    public static TrafficRecorder precise() {
        return new TrafficRecorder(3);
    }

    /** Two significant digits (1 %): plenty for a chart, and a seventh of the memory, reset every second. */
    public static TrafficRecorder coarse() {
        return new TrafficRecorder(2);
    }

    public void record(CompletedRequest request) {
        if (request.ok()) {
            ok++;
        } else {
            errors++;
            errorsByKind.merge(request.errorKind(), 1L, Long::sum);
        }
        if (request.sent()) {
            long micros = TimeUnit.NANOSECONDS.toMicros(request.latencyNanos());
            latencyMicros.recordValue(Math.min(micros, HIGHEST_MICROS));
            if (request.ok()) {
                servedMicros.recordValue(Math.min(micros, HIGHEST_MICROS));
            }
        }
        if (request.replica() != null) {
            String replica = replicaRequests.containsKey(request.replica()) || replicaRequests.size() < MAX_REPLICAS
                    ? request.replica() : OTHER_REPLICAS;
            replicaRequests.merge(replica, 1L, Long::sum);
        }
    }

    public Traffic snapshot() {
        long named = replicaRequests.values().stream().mapToLong(Long::longValue).sum();
        Map<String, ReplicaShare> replicas = new TreeMap<>();
        replicaRequests.forEach((name, count) -> replicas.put(name, new ReplicaShare(count, (double) count / named)));
        return new Traffic(ok + errors, ok, errors, errorsByKind, LatencySummary.of(latencyMicros), replicas,
                LatencySummary.of(servedMicros));
    }

    /** A copy of the latencies recorded so far, in microseconds, for merging with others (HdrHistogram's add). */
    public Histogram latencyCopy() {
        return latencyMicros.copy();
    }

    public void reset() {
        latencyMicros.reset();
        servedMicros.reset();
        errorsByKind.clear();
        replicaRequests.clear();
        ok = 0;
        errors = 0;
    }
}
