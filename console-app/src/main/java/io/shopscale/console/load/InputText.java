package io.shopscale.console.load;

/**
 * Quotes user input for error messages with anything invisible escaped, so a pasted newline or escape sequence
 * cannot forge terminal output. The same rule as {@code topology.UserText}, which is package-private there.
 */
final class InputText {

    private static final int MAX_SHOWN_CHARACTERS = 40;

    private InputText() {
    }

    static String quote(String raw) {
        if (raw == null) {
            return "(nothing)";
        }
        StringBuilder quoted = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < raw.length(); i += Character.charCount(raw.codePointAt(i))) {
            if (shown++ == MAX_SHOWN_CHARACTERS) {
                quoted.append("...");
                break;
            }
            int codePoint = raw.codePointAt(i);
            if (codePoint == '"' || codePoint == '\\') {
                quoted.append('\\').appendCodePoint(codePoint);
            } else if (isInvisible(codePoint)) {
                quoted.append(String.format("\\u%04X", codePoint));
            } else {
                quoted.appendCodePoint(codePoint);
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
