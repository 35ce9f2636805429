package io.shopscale.console.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ScenarioMixTest {

    @Test
    void readsTheCommandLineForm() {
        ScenarioMix mix = ScenarioMix.parse("browse=40, search=20,detail=25,login=5,order=10");

        assertThat(mix.weight(Scenario.BROWSE)).isEqualTo(40);
        assertThat(mix.weight(Scenario.ORDER)).isEqualTo(10);
        assertThat(mix.fraction(Scenario.LOGIN)).isCloseTo(0.05, within(1e-9));
        assertThat(mix.toText()).isEqualTo("browse=40,search=20,detail=25,login=5,order=10");
    }

    @Test
    void theDefaultKeepsExpensiveLoginsRare() {
        assertThat(ScenarioMix.DEFAULT.fraction(Scenario.LOGIN)).isLessThanOrEqualTo(0.05);
        assertThat(ScenarioMix.DEFAULT.weights()).allSatisfy((scenario, weight) -> assertThat(weight).isPositive());
    }

    @Test
    void scenariosLeftOutWeighNothingAndAreNeverPicked() {
        ScenarioMix mix = ScenarioMix.parse("detail=1");
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 1000; i++) {
            assertThat(mix.pick(random.nextDouble())).isEqualTo(Scenario.DETAIL);
        }
        assertThat(mix.toText()).isEqualTo("detail=1");
    }

    @Test
    void picksInProportionToTheWeights() {
        ScenarioMix mix = ScenarioMix.parse("browse=70,order=30");
        SplittableRandom random = new SplittableRandom(42);
        Map<Scenario, Integer> picked = new EnumMap<>(Scenario.class);

        for (int i = 0; i < 100_000; i++) {
            picked.merge(mix.pick(random.nextDouble()), 1, Integer::sum);
        }

        assertThat(picked).containsOnlyKeys(Scenario.BROWSE, Scenario.ORDER);
        assertThat(picked.get(Scenario.BROWSE) / 100_000.0).isCloseTo(0.70, within(0.01));
    }

    @Test
    void theEdgesOfTheUnitIntervalPickTheFirstAndLastWeightedScenario() {
        ScenarioMix mix = ScenarioMix.parse("search=1,login=1");

        assertThat(mix.pick(0)).isEqualTo(Scenario.SEARCH);
        assertThat(mix.pick(Math.nextDown(1.0))).isEqualTo(Scenario.LOGIN);
    }

    @Test
    void aSliderChangesOneWeight() {
        ScenarioMix mix = ScenarioMix.DEFAULT.withWeight(Scenario.LOGIN, 0);

        assertThat(mix.weight(Scenario.LOGIN)).isZero();
        assertThat(mix.weight(Scenario.BROWSE)).isEqualTo(40);
        assertThat(ScenarioMix.DEFAULT.weight(Scenario.LOGIN)).isEqualTo(5);
    }

    @Test
    void explainsWhatIsWrongWithTheText() {
        assertThatThrownBy(() -> ScenarioMix.parse("browse=40,checkout=5"))
                .isInstanceOf(LoadSettingsException.class)
                .hasMessage("unknown scenario \"checkout\"; use browse, search, detail, login, order");
        assertThatThrownBy(() -> ScenarioMix.parse("browse=lots"))
                .hasMessage("weight \"lots\" for browse is not a whole number; use 0 to 1000");
        assertThatThrownBy(() -> ScenarioMix.parse("browse=-1"))
                .hasMessage("weight -1 for browse is out of range; use 0 to 1000");
        assertThatThrownBy(() -> ScenarioMix.parse("browse"))
                .hasMessageStartingWith("mix entry \"browse\" needs the form scenario=weight");
        assertThatThrownBy(() -> ScenarioMix.parse("browse=1,browse=2"))
                .hasMessage("scenario browse appears twice in the mix");
        assertThatThrownBy(() -> ScenarioMix.parse("browse=0,order=0"))
                .hasMessageStartingWith("the scenario mix has no weight at all");
        assertThatThrownBy(() -> ScenarioMix.parse(" "))
                .hasMessageStartingWith("the scenario mix is empty");
        assertThatThrownBy(() -> ScenarioMix.parse("browse=1,"))
                .hasMessageStartingWith("mix entry \"\" needs the form");
    }

    @Test
    void errorMessagesDoNotEchoControlCharacters() {
        assertThatThrownBy(() -> ScenarioMix.parse("br\u001b[2Jowse=1"))
                .hasMessageContaining("\\u001B[2J")
                .hasMessageNotContaining("\u001b");
    }
}
