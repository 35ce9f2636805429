package io.shopscale.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.Planner;
import io.shopscale.console.swarm.SwarmServiceSpec;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/** An app tier's Swarm service is the Docker engine's replica, as a service: same image, limits and secrets. */
class SwarmServiceSpecTest {

    private static final StackName SHOP = StackName.of("shop");

    @TempDir
    Path home;

    private ContainerSpecs specs(Mode mode) {
        return new ContainerSpecs(SHOP, new StackSettings(mode, 8080, new Limits(1.0, 256)),
                new StackAddresses("172.29.201.0/24"), StackSecrets.forStack(home, SHOP),
                new ContainerSpecs.Images("pg", "haproxy", "nginx", Map.of("monolith", "shop-monolith:abc",
                        "orders", "shop-orders:abc")));
    }

    @Test
    void theMonolithsServiceHasItsImageLimitsHashAndEverySecretAsAFileUnderRunSecrets() {
        SwarmServiceSpec spec = SwarmStackRuntime.serviceSpec(specs(Mode.MONOLITH), "monolith", "hash-1");

        assertThat(spec.name()).isEqualTo("shop-monolith");
        assertThat(spec.image()).isEqualTo("shop-monolith:abc");
        assertThat(spec.cpus()).isEqualTo(1.0);
        assertThat(spec.memoryBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(spec.labels()).containsEntry(Labels.CONFIG_HASH, "hash-1").containsEntry(Labels.STACK, "shop")
                .containsEntry(Labels.ROLE, Labels.ROLE_APP).doesNotContainKey(Labels.REPLICA);
        assertThat(spec.secrets().keySet()).containsExactlyInAnyOrder("spring.datasource.password",
                "keys/token-signing.pub", "keys/token-signing.key", "shop.internal.token");
        assertThat(spec.environment()).containsEntry("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://172.29.201.3:5432/shop").doesNotContainKey("SPRING_DATASOURCE_PASSWORD");
        assertThat(spec.environment().get("JAVA_TOOL_OPTIONS")).endsWith(" -Xmx102m");
        assertThat(spec.network()).isEqualTo("shop");
        assertThat(spec.hostname()).isEqualTo("{{.Service.Name}}-{{.Task.Slot}}");
    }

    @Test
    void aTaskKeepsServingForTheDrainTimeAfterSigtermAndTheGracePeriodCoversTheShutdown() {
        SwarmServiceSpec spec = SwarmStackRuntime.serviceSpec(specs(Mode.MONOLITH), "monolith", "hash-1");

        assertThat(spec.command()).hasSize(3).startsWith("sh", "-c");
        assertThat(spec.command().get(2)).startsWith("trap 'sleep " + Planner.DRAIN_TIME.toSeconds() + "; kill -TERM")
                .contains("java -XX:SharedArchiveFile=/app/app.jsa -jar /app/app.jar &");
        assertThat(spec.stopGrace()).isEqualTo(Planner.STOP_TIMEOUT);
    }

    @Test
    void aServiceOtherThanTheIssuerGetsNoPrivateKey() {
        SwarmServiceSpec orders = SwarmStackRuntime.serviceSpec(specs(Mode.SERVICES), "orders", "hash-1");

        assertThat(orders.secrets()).doesNotContainKey("keys/token-signing.key")
                .containsKey("spring.datasource.password");
        assertThat(orders.environment()).containsEntry("SPRING_DATASOURCE_USERNAME", "shop_orders");
    }
}
