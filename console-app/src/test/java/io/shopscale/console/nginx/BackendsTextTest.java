package io.shopscale.console.nginx;

import static io.shopscale.console.nginx.Gateways.replicas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendsTextTest {

    @Test
    void theLimitComesFirstThenEveryPoolAndAnEmptyOneAsItsNameAlone() {
        Map<String, List<UpstreamServer>> upstreams = new LinkedHashMap<>();
        upstreams.put("catalog", replicas("catalog", 2, 20));
        upstreams.put("payments", List.of());

        assertThat(BackendsText.of(upstreams, 22)).isEqualTo("""
                replica_concurrency 22
                catalog 1 172.18.0.20:8080
                catalog 2 172.18.0.21:8080
                payments
                """);
    }

    @Test
    void theAnswerOfNginxReadsAsReplicasPerServiceWithTheirSlowStartAndTheLimit() {
        RoutingSnapshot snapshot = BackendsText.parse("""
                replica_concurrency 22
                monolith 3 172.18.0.12:8080 1767225700.500 1767225725.500
                monolith 1 172.18.0.10:8080 1767225600.000 1767225625.000
                payments
                """);

        assertThat(snapshot.replicas()).isEqualTo(Map.of("monolith", List.of(1, 3), "payments", List.of()));
        assertThat(snapshot.replicaConcurrency()).hasValue(22);
        RoutedBackend third = snapshot.pools().get("monolith").get(1);
        assertThat(third.joined()).isEqualTo(Instant.parse("2026-01-01T00:01:40.500Z"));
        assertThat(third.warmUntil()).isEqualTo(Instant.parse("2026-01-01T00:02:05.500Z"));
        assertThat(snapshot.warming(Instant.parse("2026-01-01T00:01:50Z")))
                .isEqualTo(Map.of("monolith", List.of(third)));
        assertThat(snapshot.warming(Instant.parse("2026-01-01T00:02:05.500Z"))).isEmpty();
    }

    @Test
    void aReaderOfTheConfigSeesEachReplicaAndWhichAreWarming() {
        RoutingSnapshot snapshot = BackendsText.parse("""
                replica_concurrency 0
                monolith 1 172.18.0.10:8080 1767225600.000 1767225625.000
                monolith 2 172.18.0.11:8080 1767225700.500 1767225725.500
                payments
                """);

        assertThat(snapshot.asComment(Instant.parse("2026-01-01T00:01:50Z"))).isEqualTo("""
                # Routed now by nginx's Lua balancer (not in the file: the console sets it without a reload):
                #   requests in flight per replica at most: no limit
                #   monolith  replica 1  172.18.0.10:8080
                #   monolith  replica 2  172.18.0.11:8080  warming until 2026-01-01T00:02:05Z
                #   payments  no replica
                """);
    }

    @Test
    void nothingRoutedIsAnEmptySnapshotWithNoLimitSet() {
        assertThat(BackendsText.parse("\n").replicas()).isEmpty();
        assertThat(BackendsText.parse("\n").replicaConcurrency()).isEmpty();
    }

    @Test
    void whatIsNotBackendsIsRefusedWithTheLine() {
        assertThatThrownBy(() -> BackendsText.parse("monolith 1 172.18.0.10:8080 1 26\n<html>\n"))
                .isInstanceOf(ConfigValueException.class).hasMessageContaining("line 2").hasMessageContaining("<html>");
        assertThatThrownBy(() -> BackendsText.parse("monolith one 172.18.0.10:8080 1 26\n"))
                .isInstanceOf(ConfigValueException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> BackendsText.parse("monolith 1 shop-monolith-1:8080 1 26\n"))
                .isInstanceOf(ConfigValueException.class).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> BackendsText.parse("replica_concurrency -1\n"))
                .isInstanceOf(ConfigValueException.class).hasMessageContaining("N from 0 to 9999");
    }
}
