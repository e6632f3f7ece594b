package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MySQL/MariaDB: a change InnoDB can only make by copying the table (blocking writes) is made by an
 * online schema-change tool instead: gh-ost or pt-online-schema-change copy the rows into a shadow
 * table in chunks while the application keeps writing, then swap. Advice, not a rewrite: the tool
 * runs outside Liquibase, and the changeset is then marked as run (or removed). Each tool has
 * constraints on the table, checked against the replayed schema where the changelog knows it:
 * gh-ost supports no foreign key on or to the table and needs a primary or unique key;
 * pt-online-schema-change needs a primary key or unique index (its DELETE trigger finds rows by it)
 * and adds three triggers to the table for the copy.
 */
public final class OnlineSchemaChange {
    private OnlineSchemaChange() {
    }

    /** What the replayed schema says about the tools' constraints on one table. */
    record Fit(boolean known, boolean hasKey, List<String> foreignKeys, List<String> referencedBy) {
        static Fit of(String table, Schema schema) {
            if (schema == null) return new Fit(false, false, List.of(), List.of());
            Optional<Schema.Table> t = schema.table(table);
            List<String> fks = new ArrayList<>();
            boolean key = false;
            if (t.isPresent()) {
                for (Schema.Constraint c : t.get().constraints()) {
                    if (c.kind() == ConstraintKind.FOREIGN_KEY) fks.add(c.name());
                    if (c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.UNIQUE) key = true;
                }
                String name = t.get().name();
                key = key || schema.indexes().stream().anyMatch(i -> i.unique() && i.table().equalsIgnoreCase(name));
            }
            return new Fit(t.isPresent() && t.get().structureKnown(), key, fks, schema.referencingTables(table));
        }

        /** Which tool fits the table, or why neither does, as the replayed schema knows it. */
        String verdict(String table) {
            List<String> against = new ArrayList<>();
            if (!foreignKeys.isEmpty()) against.add(table + " has foreign key(s) " + String.join(", ", foreignKeys));
            if (!referencedBy.isEmpty()) against.add(String.join(", ", referencedBy) + " reference(s) " + table);
            if (known && !hasKey) {
                return "Neither tool fits " + table + " as the changelog creates it: it has no primary key or unique "
                        + "key, which both need" + (against.isEmpty() ? "" : " (and " + String.join("; ", against) + ")")
                        + ". Add a primary key first (itself a copy of the table), or make the change in a maintenance window.";
            }
            String key = known ? "" : " The changelog does not create " + table + ", so check that it has a primary or "
                    + "unique key before running either tool.";
            if (!against.isEmpty()) {
                return "Use pt-online-schema-change for " + table + ": " + String.join("; ", against)
                        + ", and gh-ost does not support foreign keys on or to the table." + key;
            }
            return (known ? "Both tools fit " + table + ": it has a primary or unique key and no foreign key on or to it "
                    + "that the changelog knows of." : "Either tool fits if " + table + " has no foreign key on or to it.") + key;
        }
    }

    /**
     * Advice for {@code table} with the ALTER clause {@code alter} (e.g. {@code MODIFY note BIGINT}), after
     * {@code lead} (what the finding's own way out is, or why there is none); {@code schema} (the replayed
     * schema, may be null) says which tool fits the table.
     */
    public static Recipe of(String table, String alter, String lead, Schema schema) {
        List<String> notes = new ArrayList<>();
        notes.add(lead);
        notes.addAll(notes(table, alter, schema, "this changeset"));
        return Advice.of("online-schema-change:" + table.toLowerCase(Locale.ROOT) + ":" + alter, notes.toArray(String[]::new));
    }

    /**
     * The tool advice itself, for a plan that offers it as the alternative to {@code instead} ("this changeset",
     * "the plan above"): the two commands, their constraints on {@code table}, and what to do in the changelog after.
     */
    public static List<String> notes(String table, String alter, Schema schema, String instead) {
        // single quotes: a MySQL `name` inside double quotes would be a shell command substitution
        String quoted = "'" + alter.replace("'", "'\\''") + "'";
        return List.of(
                "To make the change without blocking writes, run it with an online schema-change tool instead of "
                        + instead + ": it copies " + table + " into a shadow table in chunks while the running version keeps "
                        + "writing, then swaps it in:",
                "gh-ost --host=<host> --user=<user> --password=<password> --database=<database> --table=" + table
                        + " --alter=" + quoted + " --execute",
                "or: pt-online-schema-change --alter " + quoted + " D=<database>,t=" + table + " --execute",
                "gh-ost reads the binary log (binlog_format=ROW), supports no foreign key on or to the table and needs a "
                        + "primary or unique key; pt-online-schema-change needs a primary key or unique index and adds "
                        + "AFTER INSERT/UPDATE/DELETE triggers to the table for the copy (none of its own may clash), and "
                        + "handles tables that others reference with --alter-foreign-keys-method. "
                        + Fit.of(table, schema).verdict(table),
                "then remove the change from the changelog (or mark it run with liquibase changelog-sync) so Liquibase does "
                        + "not run it again.");
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
