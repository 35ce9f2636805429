package io.shopscale.console.nginx;

import io.shopscale.console.topology.UserText;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every value passes before it reaches a template. ingress-nginx had CVEs from text pasted into config:
 * a ';', '}' or line break in a name ends the directive and starts one of the attacker's. So names are restricted
 * to characters that can never do that, and addresses to what the engine reports for a container: IPv4 and a port.
 */
final class ConfigValues {

    /** A DNS label's limit; the longest name the console makes ({@code <stack>-notifications-9}) is 48. */
    static final int MAX_NAME_LENGTH = 63;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String NAME_RULE = "use 1 to " + MAX_NAME_LENGTH
            + " lowercase letters, digits or '-', starting with a letter or digit";
    /** An unquoted PostgreSQL identifier, lowercase. */
    private static final Pattern DATABASE_USER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final String DATABASE_USER_RULE = "use 1 to " + MAX_NAME_LENGTH
            + " lowercase letters, digits or '_', not starting with a digit";
    private static final Pattern IPV4_AND_PORT =
            Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3}):([0-9]{1,5})");
    private static final String ADDRESS_RULE = "use an IPv4 address and a port, e.g. 172.18.0.5:8080";

    private ConfigValues() {
    }

    /**
     * @param what what the value is, for the message: "container name", "service name"
     * @return the value
     */
    static String requireName(String what, String value) {
        return require(what, value, NAME, NAME_RULE);
    }

    static String requireDatabaseUser(String what, String value) {
        return require(what, value, DATABASE_USER, DATABASE_USER_RULE);
    }

    /**
     * @param what what the value is, for the message: "address of shop-monolith-2"
     * @return the value
     */
    static String requireAddress(String what, String value) {
        if (value == null) {
            throw new ConfigValueException(what + " is missing; " + ADDRESS_RULE);
        }
        String unsafe = unsafeCharacter(value);
        if (unsafe != null) {
            throw invalid(what, value, "it contains " + unsafe, ADDRESS_RULE);
        }
        Matcher matcher = IPV4_AND_PORT.matcher(value);
        if (!matcher.matches()) {
            throw invalid(what, value, value.isEmpty() ? "it is empty" : "it is not IPv4:port", ADDRESS_RULE);
        }
        for (int octet = 1; octet <= 4; octet++) {
            String text = matcher.group(octet);
            // "010" would be read as octal by some parsers and as decimal by others: refuse to guess.
            if (Integer.parseInt(text) > 255 || (text.length() > 1 && text.startsWith("0"))) {
                throw invalid(what, value, text + " is not a number from 0 to 255 without leading zeros",
                        ADDRESS_RULE);
            }
        }
        int port = Integer.parseInt(matcher.group(5));
        if (port < 1 || port > 65535 || matcher.group(5).startsWith("0")) {
            throw invalid(what, value, "port " + matcher.group(5) + " is not from 1 to 65535", ADDRESS_RULE);
        }
        return value;
    }

    static int requirePort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new ConfigValueException(what + " " + port + " is out of range: use 1 to 65535");
        }
        return port;
    }

    private static String require(String what, String value, Pattern valid, String rule) {
        if (value == null) {
            throw new ConfigValueException(what + " is missing; " + rule);
        }
        if (valid.matcher(value).matches() && value.length() <= MAX_NAME_LENGTH) {
            return value;
        }
        throw invalid(what, value, problemWith(value, valid), rule);
    }

    private static String problemWith(String value, Pattern valid) {
        if (value.isEmpty()) {
            return "it is empty";
        }
        String unsafe = unsafeCharacter(value);
        if (unsafe != null) {
            return "it contains " + unsafe;
        }
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            String character = new String(Character.toChars(value.codePointAt(i)));
            if (!valid.matcher(i == 0 ? character : "a" + character).matches()) {
                return (i == 0 ? "it starts with " : "it contains ") + quote(character);
            }
        }
        return "it is " + value.length() + " characters long";
    }

    /** The characters that would end or escape a directive, named the way a reader recognises them. */
    private static String unsafeCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case '\n', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029':
                    return "a line break";
                case ' ', '\t':
                    return "a space";
                case '{', '}':
                    return "a brace";
                case ';':
                    return "a semicolon";
                case '"', '\'', '`':
                    return "a quote";
                default:
                    break;
            }
        }
        return null;
    }

    private static ConfigValueException invalid(String what, String value, String problem, String rule) {
        return new ConfigValueException("invalid " + what + " " + quote(value) + ": " + problem + "; " + rule);
    }

    static String quote(String raw) {
        return UserText.quote(raw);
    }
}
