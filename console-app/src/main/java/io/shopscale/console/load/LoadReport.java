package io.shopscale.console.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.metrics.Traffic;

/**
 * What a load run measured. Every latency counts from the request's intended start, so stalls are included.
 * Serialises with a plain Jackson {@code ObjectMapper} for {@code shopctl load --json}.
 *
 * @param targetRate   the target at the end of the run, in requests per second
 * @param seconds      how long requests were started for
 * @param started      requests the schedule started, sent or not
 * @param unfinished   requests still without an outcome when the report was made; 0 unless the transport hung
 * @param achievedRate successful responses per second from the first start to the last outcome: a shop whose queue
 *                     grew finishes requests after {@code seconds}, and those seconds count too, so a run past the
 *                     shop's capacity shows what it served, not what it was sent
 * @param total        all requests; {@code total.replicas()} gives each replica's count and share of all traffic
 * @param scenarios    per scenario label, in the order browse, search, detail, login, order
 * @param services     per service; each one's replicas give the share within that service
 */
public record LoadReport(String target, String mix, double targetRate, double seconds, long started, long unfinished,
                         double achievedRate, double errorRate, Traffic total, Map<String, Traffic> scenarios,
                         Map<String, Traffic> services) {

    public LoadReport {
        scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** @param untilLastOutcome seconds from the first start to the last outcome, {@code seconds} or more */
    static LoadReport of(LoadPlan plan, ScenarioMix mix, double targetRate, double seconds, double untilLastOutcome,
                         long started, RunStatistics statistics) {
        Traffic total = statistics.total();
        return new LoadReport(plan.target().toString(), mix.toText(), targetRate, seconds, started,
                Math.max(0, started - total.requests()), untilLastOutcome > 0 ? total.ok() / untilLastOutcome : 0,
                total.errorRate(), total, statistics.byScenario(), statistics.byService());
    }

    public LatencySummary latency() {
        return total.latency();
    }

    /** For people: a summary, the errors by kind, then tables per scenario, per service and per replica. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "load on %s for %.1f s at %s/s, mix %s%n", target, seconds,
                LiveLine.rate(targetRate), mix));
        text.append(String.format(Locale.ROOT, "requests %d  ok %d  errors %d (%.2f%%)  achieved %.1f/s%n",
                total.requests(), total.ok(), total.errors(), errorRate * 100, achievedRate));
        if (unfinished > 0) {
            text.append("unfinished ").append(unfinished).append(" (no outcome when the report was made)\n");
        }
        if (!total.errorsByKind().isEmpty()) {
            text.append("errors   ").append(total.errorsByKind().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue())
                    .collect(Collectors.joining("  "))).append('\n');
        }
        LatencySummary latency = total.latency();
        text.append(String.format(Locale.ROOT, "latency  p50 %s  p95 %s  p99 %s  max %s  (from intended start)%n",
                LatencySummary.format(latency.p50Millis()), LatencySummary.format(latency.p95Millis()),
                LatencySummary.format(latency.p99Millis()), LatencySummary.format(latency.maxMillis())));
        if (total.errors() > 0 && total.ok() > 0) {
            LatencySummary served = total.servedLatency();
            text.append(String.format(Locale.ROOT, "served   p50 %s  p95 %s  p99 %s  max %s  (successful requests only)%n",
                    LatencySummary.format(served.p50Millis()), LatencySummary.format(served.p95Millis()),
                    LatencySummary.format(served.p99Millis()), LatencySummary.format(served.maxMillis())));
        }
        appendTable(text, "scenario", scenarios);
        appendTable(text, "service", services);
        appendReplicas(text);
        return text.toString();
    }

    private static void appendTable(StringBuilder text, String title, Map<String, Traffic> rows) {
        text.append(String.format(Locale.ROOT, "%n%-10s %9s %9s %7s %8s %8s %8s %8s%n", title, "requests", "ok",
                "errors", "p50", "p95", "p99", "max"));
        rows.forEach((name, traffic) -> text.append(String.format(Locale.ROOT,
                "%-10s %9d %9d %7d %8s %8s %8s %8s%n", name, traffic.requests(), traffic.ok(), traffic.errors(),
                LatencySummary.format(traffic.latency().p50Millis()),
                LatencySummary.format(traffic.latency().p95Millis()),
                LatencySummary.format(traffic.latency().p99Millis()),
                LatencySummary.format(traffic.latency().maxMillis()))));
    }

    private void appendReplicas(StringBuilder text) {
        text.append(String.format(Locale.ROOT, "%n%-30s %9s %7s%n", "replica", "requests", "share"));
        if (total.replicas().isEmpty()) {
            text.append("(no response named a replica)\n");
        }
        for (Map.Entry<String, ReplicaShare> replica : total.replicas().entrySet()) {
            text.append(String.format(Locale.ROOT, "%-30s %9d %6.1f%%%n", replica.getKey(),
                    replica.getValue().requests(), replica.getValue().share() * 100));
        }
    }
}
