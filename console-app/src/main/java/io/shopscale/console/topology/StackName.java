package io.shopscale.console.topology;

import java.util.regex.Pattern;

/**
 * The name of one deployed shop. It becomes part of container, network and volume names, of Docker labels and of
 * generated nginx config, so it is restricted to characters that are safe in all of them.
 */
public record StackName(String value) {

    public static final int MAX_LENGTH = 32;

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern ALLOWED_CHARACTER = Pattern.compile("[a-z0-9-]");
    private static final String RULE =
            "use 1 to " + MAX_LENGTH + " lowercase letters, digits or '-', starting with a letter";

    public StackName {
        if (value == null) {
            throw new TopologyException("stack name is missing; " + RULE);
        }
        if (!VALID.matcher(value).matches()) {
            throw new TopologyException(
                    "invalid stack name " + UserText.quote(value) + ": " + problemWith(value) + "; " + RULE);
        }
    }

    public static StackName of(String value) {
        return new StackName(value);
    }

    private static String problemWith(String value) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            String character = new String(Character.toChars(value.codePointAt(i)));
            if (!ALLOWED_CHARACTER.matcher(character).matches()) {
                return "it contains " + UserText.quote(character);
            }
        }
        if (value.length() > MAX_LENGTH) {
            return "it is " + value.length() + " characters long";
        }
        return "it does not start with a letter";
    }

    @Override
    public String toString() {
        return value;
    }
}
