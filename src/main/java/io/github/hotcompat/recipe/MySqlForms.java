package io.github.hotcompat.recipe;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.sql.Identifier;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The MySQL/MariaDB form of the recipes' steps, for a target whose {@link Dialect} is {@link OnlineDdl}:
 * every DDL carries the guard its online-DDL verdict allows ({@link OnlineGuard}), so the server refuses
 * rather than copies; a batched backfill is a stored procedure (MySQL has no anonymous block) created in
 * one changeset and called, then dropped, in the next; NOT NULL is {@code MODIFY ... NOT NULL} INPLACE
 * (InnoDB checks the rows while writes go on; there is no NOT VALID). The PostgreSQL forms stay in the
 * recipes themselves.
 */
public final class MySqlForms {
    /** A procedure name is at most 64 characters. */
    private static final int MAX_NAME = 64;

    private MySqlForms() {
    }

    /** The online DDL of the target, when it is MySQL or MariaDB. */
    public static Optional<OnlineDdl> of(RecipeContext ctx) {
        return Dialect.of(ctx.target()) instanceof OnlineDdl ddl ? Optional.of(ddl) : Optional.empty();
    }

    /**
     * A table, column or index name as MySQL reads it: in backticks when it must be ({@code order}), else bare. Every
     * name a form writes goes through here, so a plan applies for the names the original could only write quoted.
     */
    public static String name(String name) {
        return Identifier.mysql(name);
    }

    /** ADD COLUMN of a nullable column without a default, at the end: INSTANT where the release allows it. */
    public static String addColumn(OnlineDdl ddl, String table, String column, String type) {
        return "ALTER TABLE " + name(table) + " ADD COLUMN " + name(column) + " " + type + ", " + ddl.addColumn(false, true).guard();
    }

    /**
     * ADD COLUMN of a nullable column without a default at {@code position} ({@code AFTER x}, {@code FIRST}, null for
     * the end), with the guard the release allows there.
     */
    public static String addColumn(OnlineDdl ddl, String table, String column, String type, String position) {
        if (position == null) return addColumn(ddl, table, column, type);
        return "ALTER TABLE " + name(table) + " ADD COLUMN " + name(column) + " " + type + " " + position + ", "
                + ddl.addColumn(false, false).guard();
    }

    /**
     * SET DEFAULT, metadata only, so rows inserted from now on get {@code expression} (a per-row value such as
     * {@code (UUID())}) and no existing row is touched. MariaDB 10.11 sets DEFAULT (UUID()) with ALGORITHM=INSTANT
     * (checked on the server: the InnoDB table id stays); MySQL 8.0's manual (Online DDL Operations, column operations)
     * lists "Setting a column default value" as Instant and In Place, metadata only, yet MySQL refuses INSTANT for an
     * added column's expression default (vitessio/vitess#16024), so there INPLACE, LOCK=NONE: metadata only as well.
     */
    public static String setDefault(OnlineDdl ddl, boolean mariadb, String table, String column, String expression) {
        String guard = mariadb ? ddl.addColumn(false, true).guard() : OnlineGuard.INPLACE;
        return "ALTER TABLE " + name(table) + " ALTER COLUMN " + name(column) + " SET DEFAULT " + parenthesized(expression) + ", " + guard;
    }

    /** DROP DEFAULT, metadata only (as {@link #setDefault}). */
    public static String dropDefault(OnlineDdl ddl, boolean mariadb, String table, String column) {
        String guard = mariadb ? ddl.addColumn(false, true).guard() : OnlineGuard.INPLACE;
        return "ALTER TABLE " + name(table) + " ALTER COLUMN " + name(column) + " DROP DEFAULT, " + guard;
    }

    /** An expression default in the parentheses MySQL requires around it ({@code DEFAULT (UUID())}). */
    public static String parenthesized(String expression) {
        String e = expression.strip();
        if (e.startsWith("(")) {
            int depth = 0;
            for (int i = 0; i < e.length(); i++) {
                char ch = e.charAt(i);
                if (ch == '(') depth++;
                else if (ch == ')' && --depth == 0) {
                    if (i == e.length() - 1) return e; // one group around the whole expression
                    break;
                }
            }
        }
        return "(" + e + ")";
    }

    /** DROP COLUMN: INSTANT on MySQL 8.0.29+ / MariaDB 10.4+, else an INPLACE rebuild; INPLACE, LOCK=NONE allows both. */
    public static String dropColumn(String table, String column) {
        return "ALTER TABLE " + name(table) + " DROP COLUMN " + name(column) + ", " + OnlineGuard.INPLACE;
    }

    /**
     * MODIFY to NULL or NOT NULL with the column's full type: InnoDB rebuilds INPLACE with concurrent writes (NOT NULL
     * needs a strict sql_mode, the default, and fails, changing nothing, while a row is NULL).
     */
    public static String modifyNullability(String table, String column, String type, boolean notNull) {
        return "ALTER TABLE " + name(table) + " MODIFY " + name(column) + " " + type + (notNull ? " NOT NULL" : " NULL") + ", "
                + OnlineGuard.INPLACE;
    }

    /** A secondary (unique) index: built INPLACE with concurrent writes. */
    public static String addIndex(OnlineDdl ddl, String table, String index, List<String> columns, boolean unique) {
        return "ALTER TABLE " + name(table) + " ADD " + (unique ? "UNIQUE " : "") + "INDEX " + name(index) + " ("
                + String.join(", ", columns.stream().map(MySqlForms::name).toList()) + "), " + ddl.createIndex(null).guard();
    }

    /**
     * The batched form of {@code statement} (an UPDATE or DELETE of {@code table}, WHERE kept): a procedure created
     * by changeset {@code <id>-procedure} and called, then dropped, by changeset {@code <id>}, which runs outside a
     * transaction so each batch commits on its own. An integer primary key is walked in ranges of
     * {@link Backfills#BATCH}, another single-column key in keyset batches; without one the statement is repeated with LIMIT until it changes no row, which
     * needs its WHERE false for the rows it has done (a backfill's {@code IS NULL}).
     */
    public static void backfill(Plan.Builder b, RecipeContext ctx, String id, String table, String statement) {
        String name = procedureName(ctx.rewriteId(id));
        String author = ctx.changeSet().author();
        // outside a transaction: else a lock-timeout guard would join its one unsplit statement (CREATE PROCEDURE commits anyway)
        b.changeSet(new PlanChangeSet(ctx.rewriteId(id + "-procedure"), author, false,
                List.of(procedure(name, ctx.schema(), table, statement)), List.of("DROP PROCEDURE IF EXISTS " + name), null, false));
        b.changeSet(new PlanChangeSet(ctx.rewriteId(id), author, false,
                List.of("CALL " + name + "()", "DROP PROCEDURE " + name), List.of(), null));
    }

    /** What the user must know about a {@link #backfill} of {@code table}. */
    public static List<String> backfillNotes(Schema schema, String table) {
        String walk = ranges(schema, table)
                ? (Backfills.keyIsGuessed(schema, table) ? "hotcompat does not know the primary key of " + table
                        + " and assumed an integer column '" + Backfills.key(schema, table) + "': replace it with the "
                        + "table's integer key." : null)
                : table + " has no single-column primary key the changelog knows, so each batch is the statement with LIMIT "
                        + Backfills.BATCH + ", repeated until it changes no row: its WHERE must be false for rows it has "
                        + "already changed, and each batch scans from the start of the table.";
        String how = "A batched backfill on MySQL/MariaDB is a stored procedure (there is no anonymous block): one "
                + "changeset creates it (splitStatements=\"false\": its body holds semicolons), the next calls it outside a "
                + "transaction (runInTransaction=\"false\"), so each batch of " + Backfills.BATCH + " rows commits on its "
                + "own, and drops it. The deploy user needs the CREATE ROUTINE privilege.";
        return walk == null ? List.of(how) : List.of(how, walk);
    }

    private static boolean ranges(Schema schema, String table) {
        Backfills.Walk walk = Backfills.walk(schema, table);
        return walk != Backfills.Walk.PAGES;
    }

    static String procedure(String name, Schema schema, String table, String statement) {
        String body;
        String from = name(table);
        if (ranges(schema, table) && Backfills.walk(schema, table) != Backfills.Walk.OTHER_KEY) {
            String key = name(Backfills.key(schema, table));
            body = "  DECLARE hc_from BIGINT;\n"
                    + "  DECLARE hc_last BIGINT;\n"
                    + "  SELECT MIN(" + key + "), MAX(" + key + ") INTO hc_from, hc_last FROM " + from + ";\n"
                    + "  WHILE hc_from <= hc_last DO\n"
                    + "    " + Backfills.withCondition(statement, key + " BETWEEN hc_from AND hc_from + " + (Backfills.BATCH - 1), false) + ";\n"
                    + "    COMMIT;\n"
                    + "    SET hc_from = hc_from + " + Backfills.BATCH + ";\n"
                    + "  END WHILE;\n";
        } else if (Backfills.walk(schema, table) == Backfills.Walk.OTHER_KEY) {
            // keyset batches: a uuid or text key cannot be stepped by arithmetic
            String key = name(Backfills.key(schema, table));
            String type = schema.column(table, Backfills.key(schema, table)).map(Schema.Column::type).filter(x -> !x.isBlank()).orElse("VARCHAR(255)");
            body = "  DECLARE hc_from " + type + ";\n"
                    + "  DECLARE hc_to " + type + ";\n"
                    + "  SELECT MIN(" + key + ") INTO hc_from FROM " + from + ";\n"
                    + "  WHILE hc_from IS NOT NULL DO\n"
                    + "    SET hc_to = (SELECT " + key + " FROM " + from + " WHERE " + key + " >= hc_from ORDER BY " + key
                    + " LIMIT 1 OFFSET " + Backfills.BATCH + ");\n"
                    + "    " + Backfills.withCondition(statement, key + " >= hc_from AND (hc_to IS NULL OR " + key + " < hc_to)", false) + ";\n"
                    + "    COMMIT;\n"
                    + "    SET hc_from = hc_to;\n"
                    + "  END WHILE;\n";
        } else {
            String limited = statement.strip().replaceAll(";+$", "").strip() + " LIMIT " + Backfills.BATCH;
            body = "  DECLARE hc_rows BIGINT DEFAULT 1;\n"
                    + "  WHILE hc_rows > 0 DO\n"
                    + "    " + limited + ";\n"
                    + "    SET hc_rows = ROW_COUNT();\n"
                    + "    COMMIT;\n"
                    + "  END WHILE;\n";
        }
        return "CREATE PROCEDURE " + name + "()\nBEGIN\n" + body + "END";
    }

    /** {@code hc_<id>} in letters, digits and underscores, at most 64 characters. */
    static String procedureName(String id) {
        String n = ("hc_" + id).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }
}
