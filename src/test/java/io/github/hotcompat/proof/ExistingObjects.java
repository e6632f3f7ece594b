package io.github.hotcompat.proof;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analysis takes a table the changelog never creates as existing. To deploy such a fixture,
 * the harness creates what PostgreSQL says is missing: a table (with no columns), a column (bigint
 * for an id, text otherwise) or a sequence, learned from the error of the statement that needed it.
 */
final class ExistingObjects {
    private static final Pattern RELATION = Pattern.compile("(?:relation|table) \"(\\w+)\" does not exist");
    private static final Pattern COLUMN_OF = Pattern.compile("column \"(\\w+)\" of relation \"(\\w+)\" does not exist");
    private static final Pattern COLUMN = Pattern.compile("column \"(\\w+)\" (?:named in key )?does not exist");
    private static final Pattern TABLE_OF_STATEMENT = Pattern.compile(
            "(?i)\\b(?:ON|TABLE|UPDATE|INTO|FROM)\\s+(?:ONLY\\s+|IF\\s+EXISTS\\s+)?\"?(\\w+)\"?");

    private ExistingObjects() {
    }

    /** The statement creating what {@code error} says is missing for {@code statement}, or null when it cannot tell. */
    static String create(String error, String statement) {
        if (error == null || statement == null) return null;
        String upper = statement.toUpperCase(Locale.ROOT);
        Matcher m = COLUMN_OF.matcher(error);
        if (m.find()) return addColumn(m.group(2), m.group(1));
        m = RELATION.matcher(error);
        if (m.find()) {
            if (upper.matches("(?s)\\s*(DROP|ALTER)\\s+(INDEX|VIEW|MATERIALIZED).*")) return null;
            if (upper.contains("SEQUENCE") || upper.contains("NEXTVAL")) return "CREATE SEQUENCE \"" + m.group(1) + "\"";
            return "CREATE TABLE \"" + m.group(1) + "\" ()";
        }
        m = COLUMN.matcher(error);
        if (m.find()) {
            Matcher t = TABLE_OF_STATEMENT.matcher(statement);
            if (t.find()) return addColumn(t.group(1), m.group(1));
        }
        return null;
    }

    private static String addColumn(String table, String column) {
        String type = column.equals("id") || column.endsWith("_id") ? "bigint" : "text";
        return "ALTER TABLE \"" + table + "\" ADD COLUMN \"" + column + "\" " + type;
    }
}
