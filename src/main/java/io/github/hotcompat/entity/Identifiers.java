package io.github.hotcompat.entity;

import java.util.Locale;

/**
 * Physical name handling. A quoted name ({@code "Order"}) keeps its case and is compared
 * case-sensitively; unquoted names are compared case-insensitively, since the database folds them.
 */
public final class Identifiers {
    private Identifiers() {
    }

    public static boolean isQuoted(String name) {
        return name != null && name.length() >= 2
                && ((name.startsWith("\"") && name.endsWith("\"")) || (name.startsWith("`") && name.endsWith("`")));
    }

    public static String unquote(String name) {
        return isQuoted(name) ? name.substring(1, name.length() - 1) : name;
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** Backtick quoting becomes double quotes; blank becomes null. */
    static String normalise(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim();
        return isQuoted(n) ? quote(unquote(n)) : n;
    }

    /** True when both names denote the same object: exact text if either side is quoted, else ignoring case. */
    public static boolean matches(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (isQuoted(a) || isQuoted(b)) {
            return unquote(a).equals(unquote(b));
        }
        return a.equalsIgnoreCase(b);
    }

    static String key(String name) {
        return isQuoted(name) ? quote(unquote(name)) : name.toLowerCase(Locale.ROOT);
    }
}
