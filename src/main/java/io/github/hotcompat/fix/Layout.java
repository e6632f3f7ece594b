package io.github.hotcompat.fix;

/**
 * How a changelog file lays out one changeset, as found around the one being replaced, so the
 * replacement reads as if the author had written it.
 *
 * @param base           the whitespace in front of the changeset's first line (its column)
 * @param unit           one level of indentation inside it (spaces or a tab)
 * @param newline        the file's line separator
 * @param blankBetween   whether changesets are separated by a blank line
 * @param sequenceIndent YAML: how far a list ({@code changes:}) is indented under its key
 * @param spaceBeforeColon JSON: {@code "key" : value} rather than {@code "key": value}
 */
record Layout(String base, String unit, String newline, boolean blankBetween, int sequenceIndent,
              boolean spaceBeforeColon) {

    /** The whitespace at the start of line {@code lineStart} of {@code text}. */
    static String leadingWhitespace(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return text.substring(lineStart, i);
    }

    static int lineStart(String text, int offset) {
        int nl = text.lastIndexOf('\n', offset - 1);
        return nl + 1;
    }

    static int column(String text, int offset) {
        return offset - lineStart(text, offset);
    }

    static String newlineOf(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** Whether the line before the one holding {@code offset} is blank. */
    static boolean blankLineBefore(String text, int offset) {
        int start = lineStart(text, offset);
        if (start == 0) return false;
        int prevStart = lineStart(text, start - 1);
        return text.substring(prevStart, start).isBlank();
    }
}
