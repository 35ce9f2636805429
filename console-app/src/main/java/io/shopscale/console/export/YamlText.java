package io.shopscale.console.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Writes documents (maps, lists, strings, numbers, booleans) as YAML with a YAML library: plain where that is
 * unambiguous, quoted where a reader could take a string for something else. {@code "2"}, {@code "1e3"},
 * {@code "0.5"}, {@code "-1"}, {@code "yes"} and {@code "null"} stay strings; multi-line strings are literal blocks.
 */
public final class YamlText {

    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .stringQuotingChecker(new NumberLikeQuoting())
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private YamlText() {
    }

    /** One document, without a {@code ---} marker. */
    public static String document(Object document) {
        return write(document).replaceFirst("\\A---\\n", "");
    }

    /** Several documents in one text, each after a {@code ---} marker. */
    static String documents(List<?> documents) {
        return documents.stream().map(YamlText::write).collect(Collectors.joining());
    }

    /** An ordered map from alternating keys and values; entries with a null value are left out. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    private static String write(Object document) {
        try {
            String text = MAPPER.writeValueAsString(document);
            return text.startsWith("---") ? text : "---\n" + text;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write YAML: " + e.getMessage(), e);
        }
    }

    /**
     * The library's checks (reserved words such as {@code yes}, {@code null}, {@code on}; characters that start YAML
     * syntax), and also quotes every string that starts like a number in YAML 1.1 or 1.2: a digit, a sign or a dot
     * ({@code 2}, {@code 1e3}, {@code .5}, {@code +1}, {@code 0x1F}, {@code 1:30}, {@code .inf}).
     */
    private static final class NumberLikeQuoting extends StringQuotingChecker.Default {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || value.isEmpty() || startsLikeNumber(value);
        }

        private static boolean startsLikeNumber(String value) {
            char first = value.charAt(0);
            return Character.isDigit(first) || first == '+' || first == '-' || first == '.';
        }
    }
}
