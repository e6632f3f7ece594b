package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Plan steps shared by the column rules: the batched backfill and the NOT NULL recipe
 * (NOT VALID check, backfill, VALIDATE, then SET NOT NULL on PostgreSQL 12+).
 */
public final class ColumnRecipes {
    public static final int BATCH_ROWS = 10_000;
    /** Heap pages per batch when no key is known: at ~60-100 rows a page, a few thousand rows. */
    public static final int BATCH_PAGES = 100;
    private static final Set<String> INTEGER_TYPES = Set.of(
            "int", "integer", "int4", "bigint", "int8", "smallint", "int2", "serial", "bigserial", "smallserial",
            "serial4", "serial8", "serial2");

    private ColumnRecipes() {
    }

    public static String notNullConstraintName(String table, String column) {
        return table + "_" + column + "_not_null";
    }

    /**
     * A PL/pgSQL block that runs {@code UPDATE table SET assignment} over the rows matching
     * {@code pending} in batches of {@value #BATCH_ROWS}, committing after each batch so no lock or
     * snapshot is held for long. Batches walk the primary key when the schema knows an integer one;
     * otherwise they walk the table's pages by ctid, which needs no key. Rows written after the block
     * started are the application's (or the default's) to fill.
     */
    public static String batchedUpdate(Schema schema, String table, String assignment, String pending) {
        Optional<String> key = integerPrimaryKey(schema, table);
        if (key.isPresent()) {
            String k = key.get();
            return "DO $$\n"
                    + "DECLARE\n"
                    + "  next_key bigint;\n"
                    + "  last_key bigint;\n"
                    + "BEGIN\n"
                    + "  SELECT min(" + k + "), max(" + k + ") INTO next_key, last_key FROM " + table + ";\n"
                    + "  WHILE next_key <= last_key LOOP\n"
                    + "    UPDATE " + table + " SET " + assignment + "\n"
                    + "      WHERE " + k + " >= next_key AND " + k + " < next_key + " + BATCH_ROWS + " AND " + pending + ";\n"
                    + "    COMMIT;\n"
                    + "    next_key := next_key + " + BATCH_ROWS + ";\n"
                    + "  END LOOP;\n"
                    + "END $$";
        }
        // no key known: walk the heap in page ranges (a TID range scan on PostgreSQL 14+)
        return "DO $$\n"
                + "DECLARE\n"
                + "  next_page bigint := 0;\n"
                + "  last_page bigint := pg_relation_size('" + table + "') / current_setting('block_size')::int;\n"
                + "BEGIN\n"
                + "  WHILE next_page <= last_page LOOP\n"
                + "    UPDATE " + table + " SET " + assignment + "\n"
                + "      WHERE ctid >= format('(%s,0)', next_page)::tid AND ctid < format('(%s,0)', next_page + "
                + BATCH_PAGES + ")::tid\n"
                + "        AND " + pending + ";\n"
                + "    COMMIT;\n"
                + "    next_page := next_page + " + BATCH_PAGES + ";\n"
                + "  END LOOP;\n"
                + "END $$";
    }

    public static String backfillNote() {
        return "The backfill is a DO block that commits after every batch (PostgreSQL 11+ allows COMMIT "
                + "in DO outside a transaction, hence runInTransaction=\"false\" and splitStatements=\"false\"): each "
                + "batch holds its row locks briefly, and a failed deploy resumes where it stopped. Run it at a quiet "
                + "hour on a very large table, or as an application job instead. Without a known integer key it batches "
                + "by heap pages, which PostgreSQL 14+ reads as a TID range scan; on older versions use key ranges "
                + "(WHERE id >= ... AND id < ...) instead.";
    }

    public static Optional<String> integerPrimaryKey(Schema schema, String table) {
        Optional<Schema.Table> t = schema.table(table);
        if (t.isEmpty()) return Optional.empty();
        for (Schema.Constraint c : t.get().constraints()) {
            if (c.kind() == ConstraintKind.PRIMARY_KEY && c.columns().size() == 1) {
                String col = c.columns().get(0);
                String type = t.get().column(col).map(Schema.Column::type).orElse("");
                if (INTEGER_TYPES.contains(type.strip().toLowerCase(Locale.ROOT))) return Optional.of(col);
            }
        }
        return Optional.empty();
    }

    /**
     * Appends the deploys that make {@code column} NOT NULL without a long lock. {@code backfill} is the
     * value for rows still NULL (null when none is needed). {@code oneDeployForCheckAndValidate} puts the
     * NOT VALID check, the backfill and the validation in one deploy (when nothing writes NULL any more).
     */
    public static void appendNotNull(Plan.Builder b, RecipeContext ctx, String idPrefix, String table, String column,
                              String backfill, boolean oneDeployForCheckAndValidate) {
        String author = ctx.changeSet().author();
        String check = notNullConstraintName(table, column);
        String addCheck = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID";
        String dropCheck = "ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + check;
        String prefix = idPrefix == null ? "" : idPrefix + "-";
        String fill = backfill == null ? null
                : batchedUpdate(ctx.schema(), table, column + " = " + backfill, column + " IS NULL");
        b.deploy(oneDeployForCheckAndValidate
                ? "enforce NOT NULL on " + table + "." + column + " without a long lock: "
                        + (fill != null ? "batched backfill, " : "") + "NOT VALID check, "
                        + (fill != null ? "backfill of stragglers, " : "") + "then VALIDATE (each its own changeset)"
                : (fill != null ? "backfill the NULL rows in batches, then " : "")
                        + "reject new NULLs in " + table + "." + column + " without scanning: a NOT VALID check constraint");
        // backfill before the check: with NULL rows left, the check would fail the running version's
        // UPDATEs of those rows (a CHECK is tested on every new row version)
        if (fill != null) b.blockChangeSet(ctx.rewriteId(prefix + "backfill"), author, fill, null);
        b.changeSet(ctx.rewriteId(prefix + "not-null-check"), author, true, List.of(addCheck), List.of(dropCheck));
        if (!oneDeployForCheckAndValidate) {
            b.deploy((fill != null ? "backfill rows written NULL since, then " : "")
                    + "validate the check (SHARE UPDATE EXCLUSIVE: reads and writes go on)");
        }
        if (fill != null) b.blockChangeSet(ctx.rewriteId(prefix + "backfill-rest"), author, fill, null);
        b.changeSet(ctx.rewriteId(prefix + "validate"), author, true,
                List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check), List.of());
        Boolean pg12 = ctx.target().atLeast(12);
        if (Boolean.FALSE.equals(pg12)) {
            b.note("On PostgreSQL " + ctx.target().version() + " SET NOT NULL scans the table again under ACCESS "
                    + "EXCLUSIVE even with the check in place: keep the validated " + check + " as the enforcement "
                    + "(it rejects NULLs the same way) and switch to SET NOT NULL after upgrading to 12+.");
            return;
        }
        b.deploy("make the column NOT NULL: with the validated check PostgreSQL 12+ skips the scan, so the "
                + "ACCESS EXCLUSIVE lock is brief; then drop the redundant check"
                + (pg12 == null ? " (PostgreSQL 12+ only: set databaseVersion)" : ""));
        b.changeSet(ctx.rewriteId(prefix + "set-not-null"), author, true,
                List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL",
                        "ALTER TABLE " + table + " DROP CONSTRAINT " + check),
                List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL"));
        if (pg12 == null) {
            b.note("Before PostgreSQL 12, SET NOT NULL scans the table even with the validated check: there, skip the "
                    + "last deploy and keep " + check + " as the enforcement.");
        }
    }

    /** A validated {@code CHECK (column IS NOT NULL)} on the table, which lets PostgreSQL 12+ skip SET NOT NULL's scan. */
    public static boolean hasValidatedNotNullCheck(Schema schema, String table, String column) {
        String wanted = normalize(column) + "isnotnull";
        return schema.table(table).map(t -> t.constraints().stream().anyMatch(c -> c.kind() == ConstraintKind.CHECK
                && c.validated() && c.check() != null && normalize(c.check()).equals(wanted))).orElse(false);
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s()\"]", "");
    }

    /** Plain unquoted column type with the parenthesised length tight: {@code varchar (20)} -> {@code varchar(20)}. */
    public static String tidyType(String type) {
        return type == null ? null : type.strip().replaceAll("\\s+\\(", "(").replaceAll("\\s+", " ");
    }

    /** A literal for an UPDATE from Liquibase's defaultNullValue, quoted unless numeric or boolean. */
    public static String literal(String value) {
        String v = value.strip();
        if (v.matches("-?[0-9]+(\\.[0-9]+)?") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
                || v.startsWith("'")) return v;
        return "'" + v.replace("'", "''") + "'";
    }

    /**
     * {@link #literal} for a column of {@code type} (a database type, or null when unknown): on a boolean
     * column Liquibase's literal for the database ({@code 1} is {@code TRUE} on PostgreSQL, where {@code 1}
     * is an integer a boolean column rejects).
     */
    public static String literal(String database, String type, String value) {
        String typed = type == null ? null : DatabaseTypes.of(database).defaultLiteral(type, value);
        return typed != null ? typed : literal(value);
    }

    /** How to tell the plugin a table's size, for findings on a table of unknown size. */
    public static String unknownSizeHint(String table) {
        return "The size of " + table + " is unknown to hotcompat: set it with <tables><" + table + ">ROWS</" + table
                + "></tables> or a table-stats CSV (tableStatsFile, see docs/configuration.md).";
    }
}
