package io.shopscale.console.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.metrics.Sample;

/**
 * One second of a run for a terminal:
 * {@code 12s  rate 300/s  ok 299  err 1  p50 4.0ms  p99 38ms  replicas a:34% b:33% c:33%}.
 *
 * @param elapsedSeconds since the measured phase started, at the end of the second
 * @param targetRate     the schedule's rate when the line was made
 * @param latency        of the requests that finished in this second, from their intended starts
 * @param replicas       each replica's share of the second's traffic
 * @param backlog        requests due but not yet sent because every connection is busy; shown only when not 0,
 *                       because a growing backlog is how a stalled shop looks while nothing finishes
 */
public record LiveLine(long elapsedSeconds, double targetRate, long ok, long errors, LatencySummary latency,
                       Map<String, ReplicaShare> replicas, int backlog) {

    public LiveLine {
        replicas = Map.copyOf(replicas);
    }

    static LiveLine of(Sample sample, Instant runStart, double targetRate, int backlog) {
        long elapsed = Math.max(0, Math.round(Duration.between(runStart, sample.end()).toMillis() / 1000.0));
        return new LiveLine(elapsed, targetRate, sample.total().ok(), sample.total().errors(),
                sample.total().latency(), sample.total().replicas(), backlog);
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(elapsedSeconds).append("s  rate ").append(rate(targetRate)).append("/s  ok ").append(ok)
                .append("  err ").append(errors);
        if (latency.count() > 0) {
            text.append("  p50 ").append(LatencySummary.format(latency.p50Millis()))
                    .append("  p99 ").append(LatencySummary.format(latency.p99Millis()));
        } else {
            text.append("  p50 -  p99 -");
        }
        if (!replicas.isEmpty()) {
            text.append("  replicas ").append(replicas.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + ":" + Math.round(entry.getValue().share() * 100) + "%")
                    .collect(Collectors.joining(" ")));
        }
        if (backlog > 0) {
            text.append("  backlog ").append(backlog);
        }
        return text.toString();
    }

    /** Whole numbers stay whole: {@code 300}, but {@code 0.5}. */
    static String rate(double requestsPerSecond) {
        return requestsPerSecond == Math.rint(requestsPerSecond) ? String.valueOf((long) requestsPerSecond)
                : String.format(Locale.ROOT, "%.1f", requestsPerSecond);
    }
}
