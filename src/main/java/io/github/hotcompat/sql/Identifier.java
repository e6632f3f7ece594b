package io.github.hotcompat.sql;

import liquibase.database.core.MariaDBDatabase;
import liquibase.structure.core.Column;

import java.util.Locale;

/**
 * A SQL name as written in a changelog, a statement, an annotation or a setting, and how two of them
 * compare. A quoted name ({@code "Order"}, {@code `Order`} or {@code [Order]}, with {@code ""} for a
 * quote inside) keeps its case and is compared exactly; an unquoted one is compared ignoring case,
 * since the database folds it. Every place that unquotes or compares names goes through here.
 *
 * @param text   the name without its quotes
 * @param quoted whether it was written quoted
 */
public record Identifier(String text, boolean quoted) {

    /** The name as written (surrounding blanks ignored); null for null or blank. */
    public static Identifier of(String written) {
        if (written == null || written.isBlank()) return null;
        String s = written.strip();
        if (isQuoted(s)) {
            String inner = s.substring(1, s.length() - 1);
            return new Identifier(s.charAt(0) == '"' ? inner.replace("\"\"", "\"") : inner, true);
        }
        return new Identifier(s, false);
    }

    /** The last part of a qualified name ({@code schema.table} gives {@code table}), a dot inside quotes kept. */
    public static Identifier lastPartOf(String written) {
        if (written == null || written.isBlank()) return null;
        String s = written.strip();
        boolean inQuotes = false;
        int dot = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '`') inQuotes = !inQuotes;
            else if (c == '.' && !inQuotes) dot = i;
        }
        return of(dot < 0 ? s : s.substring(dot + 1));
    }

    public static boolean isQuoted(String name) {
        if (name == null || name.length() < 2) return false;
        char first = name.charAt(0), last = name.charAt(name.length() - 1);
        return (first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']');
    }

    /** The name's text without its quotes; null for null. */
    public static String unquote(String written) {
        if (written == null) return null;
        Identifier id = of(written);
        return id == null ? written : id.text();
    }

    /** What compares equal for the database: the exact text when quoted, else the text in lower case. */
    public String key() {
        return quoted ? text : text.toLowerCase(Locale.ROOT);
    }

    /** {@link #key()} of a written name; null for null or blank. */
    public static String keyOf(String written) {
        Identifier id = of(written);
        return id == null ? null : id.key();
    }

    /** Whether two written names denote the same object: exact text if either is quoted, else ignoring case. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) return a == b;
        Identifier x = of(a), y = of(b);
        if (x == null || y == null) return x == y;
        if (x.quoted || y.quoted) return x.text.equals(y.text);
        return x.text.equalsIgnoreCase(y.text);
    }

    /** As written in PostgreSQL: double quotes when it was quoted, the bare text otherwise. */
    public String sql() {
        return quoted ? quote(text) : text;
    }

    public static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** Liquibase's MariaDB dialect: MySQL's reserved words and MariaDB's own, so a name quoted for one is for both. */
    private static final MariaDBDatabase MYSQL = new MariaDBDatabase();

    /**
     * A name for MySQL/MariaDB SQL: in backticks when it must be (a reserved word such as {@code order}, a character
     * outside letters, digits and {@code _}, a leading digit), bare otherwise, as Liquibase quotes it. Case needs no
     * quotes there: quoting does not change how MySQL compares a name. A qualified name is rendered part by part; a
     * name already quoted, or holding a changelog property ({@code ${...}}), is left as it is.
     */
    public static String mysql(String name) {
        if (name == null || name.isBlank() || isQuoted(name.strip()) || name.contains("${")) return name;
        String s = name.strip();
        if (s.indexOf('.') > 0 && !s.contains("`")) {
            StringBuilder out = new StringBuilder();
            for (String part : s.split("\\.", -1)) out.append(out.isEmpty() ? "" : ".").append(mysql(part));
            return out.toString();
        }
        return MYSQL.escapeObjectName(s, Column.class);
    }

    /** A written name in one spelling: backtick or bracket quoting becomes double quotes; blank becomes null. */
    public static String normalise(String written) {
        Identifier id = of(written);
        return id == null ? null : id.sql();
    }
}
