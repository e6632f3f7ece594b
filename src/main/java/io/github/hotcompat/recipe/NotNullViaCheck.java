package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.SetNotNull;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;
import liquibase.change.core.AddNotNullConstraintChange;

import java.util.List;
import java.util.Locale;

/**
 * NOT NULL without a long lock: {@code CHECK (column IS NOT NULL) NOT VALID} (new rows are checked at
 * once, no scan), a batched backfill of the NULL rows where a value is given, {@code VALIDATE CONSTRAINT}
 * (SHARE UPDATE EXCLUSIVE: reads and writes go on), then on PostgreSQL 12+ {@code SET NOT NULL}, which
 * uses the validated check instead of scanning, and the drop of the now redundant check.
 */
public final class NotNullViaCheck {
    /** Outranks moving the same addNotNullConstraint's UPDATE to a changeset of its own. */
    public static final int RANK = 30;

    private NotNullViaCheck() {
    }

    /** The check's name: PostgreSQL's own naming, cut to 63 characters as PostgreSQL cuts identifiers. */
    public static String name(String table, String column) {
        return ConstraintStatements.generatedName(table, List.of(column), "not_null");
    }

    /**
     * {@link #name} unless the table already has a constraint of that name (a hand-written NOT VALID check
     * named the PostgreSQL way, say): then the first free {@code <name>1}, {@code <name>2}..., as
     * PostgreSQL's ChooseConstraintName numbers its own names, so the plan's ADD CONSTRAINT does not fail.
     */
    public static String name(Schema schema, String table, String column) {
        String base = name(table, column);
        java.util.Set<String> taken = schema.table(table).map(t -> t.constraints().stream()
                .map(Schema.Constraint::name).filter(java.util.Objects::nonNull)
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
        String candidate = base;
        for (int i = 1; taken.contains(candidate.toLowerCase(Locale.ROOT)); i++) {
            String suffix = Integer.toString(i);
            candidate = (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
        }
        return candidate;
    }

    /** The recipe replacing {@code op}; Liquibase's defaultNullValue, if any, becomes the batched backfill. */
    public static Recipe of(SetNotNull op, RecipeContext ctx) {
        String table = op.table();
        String column = op.column();
        String backfill = backfillValue(op, ctx);
        Recipe.Builder r = Recipe.builder("not-null-via-check:" + table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT))
                .replaces(op).rank(RANK);
        Plan.Builder b = r.plan();
        append(b, ctx, table, column, backfill, false);
        if (backfill == null && validatedCheck(ctx.schema(), table, column).isEmpty()) {
            b.note("If " + table + "." + column + " may still hold NULLs, backfill them in batches before the VALIDATE "
                    + "(it fails on the first NULL and can simply be deployed again).");
        }
        java.util.Optional<String> proven = validatedCheck(ctx.schema(), table, column);
        if (proven.isPresent()) {
            b.note("The validated " + proven.get() + " already proves " + table + "." + column + " holds no NULL: the plan "
                    + "reuses it instead of adding another check.");
        } else {
            b.note("From the first deploy on, " + name(ctx.schema(), table, column) + " rejects NULL writes: the running "
                    + "version must already set " + column + ".");
        }
        return r.build();
    }

    /**
     * addNotNullConstraint's defaultNullValue as the literal Liquibase's UPDATE writes (a value of the
     * column's type: {@code 1} is {@code TRUE} for a boolean on PostgreSQL), or null when there is none.
     */
    public static String backfillValue(SetNotNull op, RecipeContext ctx) {
        if (op.defaultNullValue() == null) return null;
        String database = ctx.target().database();
        String type = ctx.schema().column(op.table(), op.column()).map(Schema.Column::type).filter(t -> !t.isBlank())
                .orElseGet(() -> ConstraintStatements.change(ctx, op) instanceof AddNotNullConstraintChange c
                        && c.getColumnDataType() != null
                        ? DatabaseTypes.of(database).databaseType(c.getColumnDataType()) : null);
        return ColumnRecipes.literal(database, type, op.defaultNullValue());
    }

    /**
     * Appends the deploys that make {@code column} NOT NULL. {@code backfill} is the value for rows still
     * NULL (null when none is needed). {@code oneDeployForCheckAndValidate} puts the NOT VALID check, the
     * backfill and the validation in one deploy (when nothing writes NULL any more).
     */
    public static void append(Plan.Builder b, RecipeContext ctx, String table, String column, String backfill,
                              boolean oneDeployForCheckAndValidate) {
        String author = ctx.changeSet().author();
        java.util.Optional<String> proven = validatedCheck(ctx.schema(), table, column);
        if (proven.isPresent()) {
            setNotNullUsing(b, ctx, table, column, proven.get(), false);
            return;
        }
        String check = name(ctx.schema(), table, column);
        String addCheck = "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID";
        String dropCheck = "ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + check;
        String fill = backfill == null ? null : BatchedBackfill.update(ctx.schema(), table, column + " = " + backfill, column + " IS NULL");
        b.deploy(oneDeployForCheckAndValidate
                ? "enforce NOT NULL on " + table + "." + column + " without a long lock: "
                        + (fill != null ? "batched backfill, " : "") + "NOT VALID check, "
                        + (fill != null ? "backfill of stragglers, " : "") + "then VALIDATE (each its own changeset)"
                : (fill != null ? "backfill the NULL rows in batches, then " : "")
                        + "reject new NULLs in " + table + "." + column + " without scanning: a NOT VALID check constraint");
        // backfill before the check: with NULL rows left, the check would fail the running version's
        // UPDATEs of those rows (a CHECK is tested on every new row version)
        if (fill != null) b.blockChangeSet(ctx.rewriteId(column + "-backfill"), author, fill, null);
        b.changeSet(new PlanChangeSet(ctx.rewriteId(column + "-not-null-check"), author, true, List.of(addCheck),
                List.of(dropCheck), null).locking());
        if (!oneDeployForCheckAndValidate) {
            b.deploy((fill != null ? "backfill rows written NULL since, then " : "")
                    + "validate the check (SHARE UPDATE EXCLUSIVE: reads and writes go on)");
        }
        if (fill != null) b.blockChangeSet(ctx.rewriteId(column + "-backfill-rest"), author, fill, null);
        b.changeSet(ctx.rewriteId(column + "-validate"), author, true,
                List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check), List.of());
        if (fill != null) BatchedBackfill.notes(ctx.schema(), table).forEach(b::note);
        setNotNullUsing(b, ctx, table, column, check, true);
    }

    /**
     * MySQL/MariaDB: the deploy that makes {@code column} (of {@code type}) NOT NULL: the rows still NULL backfilled
     * with {@code backfill} in batches (none when null), then {@code MODIFY ... NOT NULL} INPLACE with LOCK=NONE: InnoDB
     * checks the rows while writes go on, and refuses, changing nothing, while one is still NULL. There is no
     * NOT VALID check on MySQL, and none is needed.
     */
    public static void appendMySql(Plan.Builder b, RecipeContext ctx, String table, String column, String type, String backfill) {
        b.deploy((backfill != null ? "backfill the NULL rows of " + table + "." + column + " in batches, then " : "")
                + "make it NOT NULL INPLACE (writes go on while InnoDB checks the rows)");
        if (backfill != null) {
            MySqlForms.backfill(b, ctx, column + "-backfill", table,
                    "UPDATE " + MySqlForms.name(table) + " SET " + MySqlForms.name(column) + " = " + backfill + " WHERE "
                            + MySqlForms.name(column) + " IS NULL");
            MySqlForms.backfillNotes(ctx.schema(), table).forEach(b::note);
        }
        b.changeSet(new PlanChangeSet(ctx.rewriteId(column + "-not-null"), ctx.changeSet().author(), true,
                List.of(MySqlForms.modifyNullability(table, column, type, true)),
                List.of(MySqlForms.modifyNullability(table, column, type, false)), null).locking());
        b.note("If a row of " + table + " is still NULL in " + column + " when the NOT NULL deploy runs, MySQL/MariaDB "
                + "refuses the MODIFY (strict sql_mode, the default) and nothing changes: backfill those rows and deploy again.");
    }

    /**
     * The last step, once the validated {@code check} proves the column: on PostgreSQL 12+ SET NOT NULL (no scan)
     * and, when the plan added the check ({@code ownCheck}), its drop; before 12 the check stays the enforcement
     * (a note says so: {@link #keptAsEnforcement}), as SET NOT NULL would scan. A check the changelog already had is
     * the user's: it is reused and kept, never added twice.
     */
    private static void setNotNullUsing(Plan.Builder b, RecipeContext ctx, String table, String column, String check,
                                        boolean ownCheck) {
        String author = ctx.changeSet().author();
        Boolean pg12 = ctx.target().atLeast(12);
        if (Boolean.FALSE.equals(pg12)) {
            b.note("On PostgreSQL " + ctx.target().version() + " SET NOT NULL scans the table again under ACCESS "
                    + "EXCLUSIVE even with the check in place: " + keptAsEnforcement(table, column, check)
                    + " (it rejects NULLs the same way, but " + column + " stays nullable in the catalog)"
                    + " and switch to SET NOT NULL after upgrading to 12+.");
            return;
        }
        b.deploy("make the column NOT NULL: with the validated check PostgreSQL 12+ skips the scan, so the "
                + "ACCESS EXCLUSIVE lock is brief" + (ownCheck ? "; then drop the redundant check" : "")
                + (pg12 == null ? " (PostgreSQL 12+ only: set databaseVersion)" : ""));
        List<String> statements = new java.util.ArrayList<>();
        statements.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL");
        if (ownCheck) statements.add("ALTER TABLE " + table + " DROP CONSTRAINT " + check);
        b.changeSet(new PlanChangeSet(ctx.rewriteId(column + "-set-not-null"), author, true, statements,
                List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL"), null).locking());
        if (pg12 == null) {
            b.assumesVersion(12);
            b.note("Before PostgreSQL 12, SET NOT NULL scans the table even with the validated check: there, skip the "
                    + "last deploy and keep " + check + " as the enforcement.");
        }
    }

    /**
     * The words of the note by which a plan for PostgreSQL before 12 declares that it ends with {@code column}
     * nullable and the validated {@code check} enforcing NOT NULL instead: the one difference from the original's
     * schema it owns to (the composed-plan proof accepts exactly that difference when the plan says so).
     */
    public static String keptAsEnforcement(String table, String column, String check) {
        return "keep the validated " + check + " on " + table + " as the enforcement of NOT NULL on " + column;
    }

    /** The name of a validated {@code CHECK (column IS NOT NULL)} on the table, if there is one. */
    public static java.util.Optional<String> validatedCheck(Schema schema, String table, String column) {
        String wanted = normalize(column) + "isnotnull";
        return schema.table(table).flatMap(t -> t.constraints().stream().filter(c -> c.kind() == ConstraintKind.CHECK
                && c.validated() && c.check() != null && c.name() != null && normalize(c.check()).equals(wanted))
                .map(Schema.Constraint::name).findFirst());
    }

    /** A validated {@code CHECK (column IS NOT NULL)} on the table, which lets PostgreSQL 12+ skip SET NOT NULL's scan. */
    public static boolean provenByValidatedCheck(Schema schema, String table, String column) {
        String wanted = normalize(column) + "isnotnull";
        return schema.table(table).map(t -> t.constraints().stream().anyMatch(c -> c.kind() == ConstraintKind.CHECK
                && c.validated() && c.check() != null && normalize(c.check()).equals(wanted))).orElse(false);
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s()\"]", "");
    }
}
