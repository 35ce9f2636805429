package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.shopscale.console.topology.Limits;

class LoadPlanTest {

    private static final URI SHOP = URI.create("http://127.0.0.1:8080");

    @Test
    void theDefaultConnectionsOutnumberWhatThreeReplicasLetIn() {
        assertThat(LoadPlan.DEFAULT_CONNECTIONS).isGreaterThan(3 * Limits.DEFAULT.replicaConcurrency());
    }

    @Test
    void defaultsAreSafeForALaptop() {
        LoadPlan plan = LoadPlan.against(SHOP);

        assertThat(plan.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.maxOutstanding()).isEqualTo(10_000);
        assertThat(plan.shoppers()).isEqualTo(20);
        assertThat(plan.mix()).isEqualTo(ScenarioMix.DEFAULT);
    }

    @Test
    void resolvesApiPathsAgainstTheTargetKeepingAPrefix() {
        assertThat(LoadPlan.against(SHOP).resolve("/api/orders")).isEqualTo(URI.create("http://127.0.0.1:8080/api/orders"));
        assertThat(LoadPlan.against(URI.create("http://127.0.0.1:8080/shop/")).resolve("/api/orders"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/shop/api/orders"));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> LoadPlan.against(URI.create("ftp://127.0.0.1")))
                .isInstanceOf(LoadSettingsException.class).hasMessageContaining("must be an http:// address");
        assertThatThrownBy(() -> LoadPlan.against(URI.create("https://127.0.0.1:8443")))
                .hasMessageContaining("must be an http:// address");
        assertThatThrownBy(() -> LoadPlan.against(SHOP).withShoppers(0))
                .hasMessageStartingWith("the login and order scenarios need shoppers");
        assertThatThrownBy(() -> LoadPlan.against(SHOP).withConnections(100).withMaxOutstanding(50))
                .hasMessage("max outstanding requests (50) must be at least the number of connections (100)");
        assertThatThrownBy(() -> LoadPlan.against(SHOP).withDuration(Duration.ofSeconds(-1)))
                .hasMessage("the duration must not be negative");
        assertThatThrownBy(() -> LoadPlan.against(SHOP).withRequestTimeout(Duration.ZERO))
                .hasMessage("the request timeout must be longer than 0 s");
    }

    @Test
    void aCatalogOnlyMixNeedsNoShoppers() {
        LoadPlan plan = LoadPlan.against(SHOP).withMix(ScenarioMix.parse("browse=1,detail=1")).withShoppers(0);

        assertThat(plan.shoppers()).isZero();
    }
}
