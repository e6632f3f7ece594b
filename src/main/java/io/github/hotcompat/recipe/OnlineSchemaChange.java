package io.github.hotcompat.recipe;

import io.github.hotcompat.plan.Recipe;

import java.util.Locale;

/**
 * MySQL/MariaDB: a change InnoDB can only make by copying the table (blocking writes) is made by an
 * online schema-change tool instead: gh-ost or pt-online-schema-change copy the rows into a shadow
 * table in chunks while the application keeps writing, then swap. Advice, not a rewrite: the tool
 * runs outside Liquibase, and the changeset is then marked as run (or removed).
 */
public final class OnlineSchemaChange {
    private OnlineSchemaChange() {
    }

    /**
     * Advice for {@code table} with the ALTER clause {@code alter} (e.g. {@code MODIFY note BIGINT}), after
     * {@code lead} (what the finding's own way out is, or why there is none).
     */
    public static Recipe of(String table, String alter, String lead) {
        // single quotes: a MySQL `name` inside double quotes would be a shell command substitution
        String quoted = "'" + alter.replace("'", "'\\''") + "'";
        return Advice.of("online-schema-change:" + table.toLowerCase(Locale.ROOT) + ":" + alter,
                lead,
                "To make the change without blocking writes, run it with an online schema-change tool instead of this "
                        + "changeset: it copies " + table + " into a shadow table in chunks while the running version keeps "
                        + "writing, then swaps it in:",
                "gh-ost --host=<host> --user=<user> --password=<password> --database=<database> --table=" + table
                        + " --alter=" + quoted + " --execute",
                "or: pt-online-schema-change --alter " + quoted + " D=<database>,t=" + table + " --execute",
                "then remove the change from the changelog (or mark it run with liquibase changelog-sync) so Liquibase does "
                        + "not run it again. gh-ost does not support tables with foreign keys; pt-online-schema-change does, "
                        + "with --alter-foreign-keys-method.");
    }

    /** {@code statement} with its ALGORITHM= / LOCK= clauses replaced by {@code guard} (e.g. ALGORITHM=INPLACE, LOCK=NONE). */
    public static String guarded(String statement, String guard) {
        String s = statement.strip().replaceAll(";+$", "").strip();
        boolean index = s.matches("(?is)(CREATE|DROP)\\s.*");
        s = s.replaceAll("(?i),?\\s*\\b(ALGORITHM|LOCK)\\s*=?\\s*\\w+", "").strip();
        // CREATE/DROP INDEX take the clauses without commas
        return s + (index ? " " + guard.replace(",", "") : ", " + guard) + ";";
    }

    /**
     * The ALTER clause of {@code statement} for the tool's --alter: the text after {@code ALTER TABLE <name>}
     * without ALGORITHM=/LOCK= clauses; a CREATE [FULLTEXT|SPATIAL] INDEX becomes {@code ADD ... INDEX}.
     */
    public static String alterClause(String statement) {
        String s = statement.strip().replaceAll(";+$", "").strip();
        s = s.replaceAll("(?i),?\\s*\\b(ALGORITHM|LOCK)\\s*=?\\s*\\w+", "").strip();
        java.util.regex.Matcher ci = java.util.regex.Pattern
                .compile("(?is)CREATE\\s+((?:UNIQUE|FULLTEXT|SPATIAL)\\s+)?INDEX\\s+(\\S+)\\s+ON\\s+\\S+?\\s*(\\(.*\\))")
                .matcher(s);
        if (ci.matches()) return ("ADD " + (ci.group(1) == null ? "" : ci.group(1).strip().toUpperCase(Locale.ROOT) + " ")
                + "INDEX " + ci.group(2) + " " + ci.group(3)).strip();
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("(?is)ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)?TABLE\\s+"
                + "(?:IF\\s+EXISTS\\s+)?(`[^`]+`|\\S+)\\s+(.*)").matcher(s);
        return at.matches() ? at.group(2).strip().replaceAll(",\\s*$", "") : s;
    }
}
