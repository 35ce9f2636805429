package io.shopscale.console.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesiredTopologyTest {

    private static final StackName SHOP = StackName.of("shop");
    private static final String ALL_SERVICES = "sso, catalog, orders, payments, notifications";

    private static DesiredTopology monolith(int replicas) {
        return new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", replicas), Limits.DEFAULT, 8080);
    }

    @Test
    void initialRunsOneReplicaOfEveryServiceWithDefaultLimits() {
        DesiredTopology initial = DesiredTopology.initial(SHOP, Mode.SERVICES, 8080);

        assertThat(initial.replicas()).containsExactly(Map.entry("sso", 1), Map.entry("catalog", 1),
                Map.entry("orders", 1), Map.entry("payments", 1), Map.entry("notifications", 1));
        assertThat(initial.limits()).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void keepsReplicasInTheModesServiceOrderWhateverOrderTheyWereGivenIn() {
        Map<String, Integer> reversed = new LinkedHashMap<>();
        reversed.put("notifications", 1);
        reversed.put("payments", 2);
        reversed.put("orders", 3);
        reversed.put("catalog", 1);
        reversed.put("sso", 1);

        DesiredTopology desired = new DesiredTopology(SHOP, Mode.SERVICES, reversed, Limits.DEFAULT, 8080);

        assertThat(desired.replicas().keySet()).containsExactly("sso", "catalog", "orders", "payments",
                "notifications");
        assertThat(desired.replicasOf("orders")).isEqualTo(3);
    }

    @Test
    void rejectsAServiceOfTheModeWithoutACount() {
        Map<String, Integer> withoutOrders = new LinkedHashMap<>(
                DesiredTopology.initial(SHOP, Mode.SERVICES, 8080).replicas());
        withoutOrders.remove("orders");

        assertThatThrownBy(() -> new DesiredTopology(SHOP, Mode.SERVICES, withoutOrders, Limits.DEFAULT, 8080))
                .isInstanceOf(TopologyException.class)
                .hasMessage("replica count missing for orders; services mode needs one for each of: " + ALL_SERVICES);
    }

    @Test
    void rejectsAnUnknownServiceNamingTheKnownOnes() {
        assertThatThrownBy(() -> new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", 1, "orders", 2),
                Limits.DEFAULT, 8080))
                .isInstanceOf(TopologyException.class)
                .hasMessage("unknown service \"orders\" in monolith mode; known services: monolith");
    }

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {0, 10, -1})
    void rejectsReplicaCountsOutsideOneToMaxReplicas(int replicas) {
        assertThatThrownBy(() -> monolith(replicas))
                .isInstanceOf(TopologyException.class)
                .hasMessage("monolith=" + replicas + " is out of range: replicas must be between 1 and 9");
    }

    @Test
    void acceptsOneAndMaxReplicas() {
        assertThat(monolith(1).replicasOf("monolith")).isEqualTo(1);
        assertThat(monolith(DesiredTopology.MAX_REPLICAS).replicasOf("monolith")).isEqualTo(9);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(ints = {80, 1023, 65536, 0, -8080})
    void rejectsPortsOutsideTheUnprivilegedRange(int port) {
        assertThatThrownBy(() -> new DesiredTopology(SHOP, Mode.MONOLITH, Map.of("monolith", 1), Limits.DEFAULT, port))
                .isInstanceOf(TopologyException.class)
                .hasMessage("publish port " + port + " is out of range: use 1024 to 65535 (lower ports need root)");
    }

    @Test
    void acceptsTheBoundsOfThePortRange() {
        assertThat(DesiredTopology.initial(SHOP, Mode.MONOLITH, 1024).publishPort()).isEqualTo(1024);
        assertThat(DesiredTopology.initial(SHOP, Mode.MONOLITH, 65535).publishPort()).isEqualTo(65535);
    }

    @Test
    void rejectsMissingPartsWithTheSameExceptionType() {
        assertThatThrownBy(() -> new DesiredTopology(null, Mode.MONOLITH, Map.of("monolith", 1), Limits.DEFAULT, 8080))
                .isInstanceOf(TopologyException.class).hasMessage("stack name is missing");
        assertThatThrownBy(() -> new DesiredTopology(SHOP, null, Map.of("monolith", 1), Limits.DEFAULT, 8080))
                .isInstanceOf(TopologyException.class).hasMessage("mode is missing; use monolith or services");
        assertThatThrownBy(() -> new DesiredTopology(SHOP, Mode.MONOLITH, null, Limits.DEFAULT, 8080))
                .isInstanceOf(TopologyException.class)
                .hasMessage("replica counts are missing; monolith mode needs one for each of: monolith");
    }

    @Test
    void withReplicasReturnsAChangedCopyAndLeavesTheOriginalAlone() {
        DesiredTopology before = DesiredTopology.initial(SHOP, Mode.SERVICES, 8080);

        DesiredTopology after = before.withReplicas(Map.of("orders", 3, "payments", 2));

        assertThat(after.replicasOf("orders")).isEqualTo(3);
        assertThat(after.replicasOf("payments")).isEqualTo(2);
        assertThat(after.replicasOf("sso")).isEqualTo(1);
        assertThat(after.stack()).isEqualTo(before.stack());
        assertThat(before.replicasOf("orders")).isEqualTo(1);
    }

    @Test
    void withReplicasValidatesLikeTheConstructor() {
        DesiredTopology before = DesiredTopology.initial(SHOP, Mode.MONOLITH, 8080);

        assertThatThrownBy(() -> before.withReplicas(Map.of("monolith", 10)))
                .isInstanceOf(TopologyException.class)
                .hasMessage("monolith=10 is out of range: replicas must be between 1 and 9");
        assertThatThrownBy(() -> before.withReplicas(Map.of("orders", 2)))
                .isInstanceOf(TopologyException.class)
                .hasMessage("unknown service \"orders\" in monolith mode; known services: monolith");
    }

    @Test
    void replicasCannotBeChangedBehindItsBack() {
        Map<String, Integer> mutable = new LinkedHashMap<>(Map.of("monolith", 2));
        DesiredTopology desired = new DesiredTopology(SHOP, Mode.MONOLITH, mutable, Limits.DEFAULT, 8080);

        mutable.put("monolith", 5);

        assertThat(desired.replicasOf("monolith")).isEqualTo(2);
        assertThatThrownBy(() -> desired.replicas().put("monolith", 7))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
