package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.ReplicaShare;
import io.shopscale.console.metrics.Traffic;

class LoadReportTest {

    private static final Traffic CATALOG = new Traffic(5400, 5397, 3, Map.of("http 503", 3L),
            new LatencySummary(5400, 4.1, 12, 38, 5210),
            Map.of("shop-monolith-1", new ReplicaShare(2700, 0.5), "shop-monolith-2", new ReplicaShare(2697, 0.5)));
    private static final Traffic ORDERS = new Traffic(600, 598, 2, Map.of("timeout", 2L),
            new LatencySummary(600, 20, 45, 90, 10_000), Map.of("shop-monolith-1", new ReplicaShare(598, 1)));
    private static final Traffic TOTAL = new Traffic(6000, 5995, 5, Map.of("http 503", 3L, "timeout", 2L),
            new LatencySummary(6000, 4.2, 14, 41, 10_000),
            Map.of("shop-monolith-1", new ReplicaShare(3298, 0.55), "shop-monolith-2", new ReplicaShare(2697, 0.45)));

    private final LoadReport report = new LoadReport("http://127.0.0.1:8080", ScenarioMix.DEFAULT.toText(), 300, 20,
            6000, 0, 299.75, 5 / 6000.0, TOTAL, ordered("browse", CATALOG, "order", ORDERS),
            ordered("catalog", CATALOG, "orders", ORDERS));

    @Test
    void readsForPeople() {
        String text = report.toText();

        assertThat(text).startsWith("load on http://127.0.0.1:8080 for 20.0 s at 300/s, mix browse=40,")
                .contains("requests 6000  ok 5995  errors 5 (0.08%)  achieved 299.8/s")
                .contains("errors   http 503: 3  timeout: 2")
                .contains("latency  p50 4.2ms  p95 14ms  p99 41ms  max 10s  (from intended start)")
                .containsPattern("browse\\s+5400\\s+5397\\s+3\\s+4.1ms\\s+12ms\\s+38ms\\s+5.2s")
                .containsPattern("shop-monolith-1\\s+3298\\s+55.0%")
                .doesNotContain("unfinished");
        assertThat(text.indexOf("browse")).isLessThan(text.indexOf("\norder"));
    }

    @Test
    void serialisesWithAPlainObjectMapper() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        JsonNode json = mapper.readTree(mapper.writeValueAsString(report));

        assertThat(json.path("achievedRate").asDouble()).isEqualTo(299.75);
        assertThat(json.path("total").path("errorsByKind").path("timeout").asLong()).isEqualTo(2);
        assertThat(json.path("total").path("latency").path("p99Millis").asDouble()).isEqualTo(41);
        assertThat(json.path("total").path("replicas").path("shop-monolith-2").path("share").asDouble())
                .isEqualTo(0.45);
        assertThat(json.path("scenarios").fieldNames()).toIterable().containsExactly("browse", "order");
        assertThat(mapper.readValue(mapper.writeValueAsString(report), LoadReport.class)).isEqualTo(report);
    }

    private static Map<String, Traffic> ordered(String first, Traffic firstTraffic, String second,
                                                Traffic secondTraffic) {
        Map<String, Traffic> map = new LinkedHashMap<>();
        map.put(first, firstTraffic);
        map.put(second, secondTraffic);
        return map;
    }
}
