package io.shopscale.console.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void monolithRunsOneServiceAndServicesModeRunsFive() {
        assertThat(Mode.MONOLITH.services()).containsExactly("monolith");
        assertThat(Mode.SERVICES.services()).containsExactly("sso", "catalog", "orders", "payments", "notifications");
    }

    @Test
    void parsesTheWordUsersType() {
        assertThat(Mode.parse("monolith")).isEqualTo(Mode.MONOLITH);
        assertThat(Mode.parse("services")).isEqualTo(Mode.SERVICES);
    }

    @Test
    void rejectsAnUnknownModeNamingTheKnownOnes() {
        assertThatThrownBy(() -> Mode.parse("microservices"))
                .isInstanceOf(TopologyException.class)
                .hasMessage("unknown mode \"microservices\"; use monolith or services");
    }
}
