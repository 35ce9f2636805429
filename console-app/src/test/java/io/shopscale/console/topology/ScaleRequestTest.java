package io.shopscale.console.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleRequestTest {

    @Test
    void parsesOneServiceCount() {
        assertThat(ScaleRequest.parse(List.of("monolith=3"), Mode.MONOLITH).replicas())
                .containsExactly(Map.entry("monolith", 3));
    }

    @Test
    void parsesSeveralServicesInTheOrderGiven() {
        assertThat(ScaleRequest.parse(List.of("payments=2", "orders=3"), Mode.SERVICES).replicas())
                .containsExactly(Map.entry("payments", 2), Map.entry("orders", 3));
    }

    @Test
    void appliesToADesiredTopology() {
        DesiredTopology desired = DesiredTopology.initial(StackName.of("shop"), Mode.SERVICES, 8080);

        DesiredTopology scaled = desired.withReplicas(
                ScaleRequest.parse(List.of("orders=3", "payments=2"), Mode.SERVICES).replicas());

        assertThat(scaled.replicas()).containsExactly(Map.entry("sso", 1), Map.entry("catalog", 1),
                Map.entry("orders", 3), Map.entry("payments", 2), Map.entry("notifications", 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "monolith3          | \"monolith3\" is not service=count, e.g. monolith=3",
            "=3                 | \"=3\" is not service=count, e.g. monolith=3",
            "monolith=three     | in \"monolith=three\", \"three\" is not a whole number of replicas",
            "monolith=          | in \"monolith=\", \"\" is not a whole number of replicas",
            "monolith=2.5       | in \"monolith=2.5\", \"2.5\" is not a whole number of replicas",
            "monolith=3;rm -rf  | in \"monolith=3;rm -rf\", \"3;rm -rf\" is not a whole number of replicas",
            "monolith=0         | monolith=0 is out of range: replicas must be between 1 and 9",
            "monolith=10        | monolith=10 is out of range: replicas must be between 1 and 9",
            "monolith=-1        | monolith=-1 is out of range: replicas must be between 1 and 9",
            "monolith=99999999999 | monolith=99999999999 is out of range: replicas must be between 1 and 9",
            "orders=3           | unknown service \"orders\" in monolith mode; known services: monolith",
    })
    void rejectsMalformedArgumentsWithAMessageNamingTheArgument(String arg, String message) {
        assertThatThrownBy(() -> ScaleRequest.parse(List.of(arg), Mode.MONOLITH))
                .isInstanceOf(TopologyException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAServiceGivenTwice() {
        assertThatThrownBy(() -> ScaleRequest.parse(List.of("orders=3", "payments=2", "orders=4"), Mode.SERVICES))
                .isInstanceOf(TopologyException.class)
                .hasMessage("orders is given twice: \"orders=3\" and \"orders=4\"");
    }

    @Test
    void rejectsAServiceOfTheOtherMode() {
        assertThatThrownBy(() -> ScaleRequest.parse(List.of("monolith=3"), Mode.SERVICES))
                .isInstanceOf(TopologyException.class)
                .hasMessage("unknown service \"monolith\" in services mode; known services: "
                        + "sso, catalog, orders, payments, notifications");
    }

    @Test
    void rejectsNothingToScale() {
        assertThatThrownBy(() -> ScaleRequest.parse(List.of(), Mode.SERVICES))
                .isInstanceOf(TopologyException.class)
                .hasMessage("nothing to scale: give service=count, e.g. orders=3 payments=2");
    }

    @Test
    void showsAnUnknownServiceWithControlCharactersEscaped() {
        assertThatThrownBy(() -> ScaleRequest.parse(List.of("ord\ners=3"), Mode.SERVICES))
                .isInstanceOf(TopologyException.class)
                .message().startsWith("unknown service \"ord\\ners\" in services mode").doesNotContain("\n");
    }
}
