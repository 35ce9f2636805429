package io.shopscale.console.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaWarmUpTest {

    private final FakeContainerShell nginx = new FakeContainerShell();
    private final ReplicaWarmUp warmUp = new ReplicaWarmUp(nginx);

    @Test
    void everyJoiningReplicaIsWarmedAtOnceWithinTheBudget() {
        warmUp.warm(List.of("172.18.0.11:8080", "172.18.0.12:8080"));

        assertThat(nginx.actions()).containsExactly("exec timeout 20 sh -c " + ReplicaWarmUp.SCRIPT
                + " sh 172.18.0.11:8080 172.18.0.12:8080");
        assertThat(ReplicaWarmUp.SCRIPT).contains("/api/catalog/products/[1-100]", "--rate 50/s", "& done; wait");
    }

    @Test
    void noReplicaNoCommand() {
        warmUp.warm(List.of());

        assertThat(nginx.actions()).isEmpty();
    }

    @Test
    void onlyPoolsThatServeTheCatalogsReadsAreWarmed() {
        assertThat(List.of("monolith", "catalog", "orders", "payments", "sso", "notifications"))
                .filteredOn(ReplicaWarmUp::warms).containsExactly("monolith", "catalog");
    }

    @Test
    void anAddressThatCouldEscapeTheScriptIsRefused() {
        assertThatThrownBy(() -> warmUp.warm(List.of("172.18.0.11:8080; rm -rf /")))
                .isInstanceOf(ConfigValueException.class);
        assertThat(nginx.actions()).isEmpty();
    }
}
