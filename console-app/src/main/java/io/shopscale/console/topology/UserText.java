package io.shopscale.console.topology;

/**
 * Quotes user input for error messages. The input may end up in a terminal, a log line or a dialog; a raw newline,
 * escape sequence or bidi override there could forge output, so anything invisible is shown escaped.
 */
public final class UserText {

    /** Long enough to recognise the input, short enough that a pasted file does not flood the terminal. */
    private static final int MAX_SHOWN_CHARACTERS = 40;

    private UserText() {
    }

    public static String quote(String raw) {
        if (raw == null) {
            return "(nothing)";
        }
        StringBuilder quoted = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < raw.length(); i += Character.charCount(raw.codePointAt(i))) {
            if (shown == MAX_SHOWN_CHARACTERS) {
                quoted.append("...");
                break;
            }
            appendEscaped(quoted, raw.codePointAt(i));
            shown++;
        }
        return quoted.append('"').toString();
    }

    private static void appendEscaped(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            default -> {
                if (isInvisible(codePoint)) {
                    out.append(String.format("\\u%04X", codePoint));
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
        }
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
