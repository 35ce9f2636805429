package io.shopscale.console.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StackNameTest {

    private static final String RULE = "use 1 to 32 lowercase letters, digits or '-', starting with a letter";

    @ParameterizedTest
    @ValueSource(strings = {"shop", "a", "shop-2", "demo-monday-9am", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsLowercaseLettersDigitsAndDashesStartingWithALetter(String name) {
        assertThat(StackName.of(name).value()).isEqualTo(name);
        assertThat(StackName.of(name)).hasToString(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "my shop   | invalid stack name \"my shop\": it contains \" \"",
            "shop{x}   | invalid stack name \"shop{x}\": it contains \"{\"",
            "shop}     | invalid stack name \"shop}\": it contains \"}\"",
            "shop;rm   | invalid stack name \"shop;rm\": it contains \";\"",
            "sh\"op    | invalid stack name \"sh\\\"op\": it contains \"\\\"\"",
            "sh'op     | invalid stack name \"sh'op\": it contains \"'\"",
            "Shop      | invalid stack name \"Shop\": it contains \"S\"",
            "1shop     | invalid stack name \"1shop\": it does not start with a letter",
            "-shop     | invalid stack name \"-shop\": it does not start with a letter",
            "shop_1    | invalid stack name \"shop_1\": it contains \"_\"",
    })
    void rejectsNamesThatCouldBreakDockerNamesOrNginxConfigAndSaysWhy(String name, String expectedStart) {
        assertThatThrownBy(() -> StackName.of(name))
                .isInstanceOf(TopologyException.class)
                .hasMessage(expectedStart + "; " + RULE);
    }

    @Test
    void rejectsANewlineAndShowsItEscapedSoTheMessageStaysOneLine() {
        assertThatThrownBy(() -> StackName.of("shop\nserver { listen 80; }"))
                .isInstanceOf(TopologyException.class)
                .hasMessage("invalid stack name \"shop\\nserver { listen 80; }\": it contains \"\\n\"; " + RULE)
                .message().doesNotContain("\n");
    }

    @Test
    void escapesTerminalControlSequencesAndBidiOverrides() {
        assertThatThrownBy(() -> StackName.of("shop\u001b[2J\u202e\r\t"))
                .message()
                .startsWith("invalid stack name \"shop\\u001B[2J\\u202E\\r\\t\"")
                .doesNotContain("\u001b", "\u202e", "\r", "\t");
    }

    @Test
    void rejectsAnEmptyNameAndNoName() {
        assertThatThrownBy(() -> StackName.of(""))
                .isInstanceOf(TopologyException.class)
                .hasMessage("invalid stack name \"\": it is empty; " + RULE);
        assertThatThrownBy(() -> StackName.of(null))
                .isInstanceOf(TopologyException.class)
                .hasMessage("stack name is missing; " + RULE);
    }

    @Test
    void rejectsANameLongerThan32Characters() {
        assertThatThrownBy(() -> StackName.of("a".repeat(33)))
                .isInstanceOf(TopologyException.class)
                .hasMessage("invalid stack name \"" + "a".repeat(33) + "\": it is 33 characters long; " + RULE);
    }

    @Test
    void quotesOnlyTheStartOfAHugeInput() {
        assertThatThrownBy(() -> StackName.of("x".repeat(10_000)))
                .message()
                .startsWith("invalid stack name \"" + "x".repeat(40) + "...\": it is 10000 characters long")
                .hasSizeLessThan(200);
    }
}
