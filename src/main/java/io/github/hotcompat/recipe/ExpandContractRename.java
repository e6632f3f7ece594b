package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation.RenameColumn;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;
import liquibase.change.core.RenameColumnChange;

import java.util.List;
import java.util.Optional;

/**
 * Rename a column without breaking the running version: expand (add the new column next to the old),
 * write both, backfill in committed batches, read the new one, stop writing the old, contract (drop
 * it). One recipe for a rename, whichever rules ask for it (rename-column, column-still-mapped): the
 * same rename and the same application users give the same key and the same deploys.
 */
public final class ExpandContractRename {
    /** Above the whole-plan adapters (rank = severity): the expand/contract is the specific cure of a rename. */
    public static final int RANK = 20;

    private ExpandContractRename() {
    }

    public static String key(RenameColumn op) {
        return "expand-contract-rename:" + op.table() + "." + op.column() + "->" + op.newName();
    }

    public static Recipe of(RenameColumn op, RecipeContext ctx, ApplicationStep app) {
        String table = op.table();
        String from = op.column();
        String to = op.newName();
        String author = ctx.changeSet().author();
        Optional<Schema.Column> known = ctx.schema().column(table, from);
        String type = known.map(Schema.Column::type).filter(t -> !t.isBlank()).orElse(null);
        if (type == null && ConstraintStatements.change(ctx, op) instanceof RenameColumnChange c
                && c.getColumnDataType() != null && !c.getColumnDataType().isBlank()) {
            // columnDataType is a Liquibase type name (clob, datetime...): the new column needs the database's
            type = DatabaseTypes.of(ctx.target().database()).databaseType(c.getColumnDataType());
        }
        // The type is not in the changelog (table created before Liquibase): copy it from the catalog.
        String addColumn = type != null
                ? "ALTER TABLE " + table + " ADD COLUMN " + to + " " + type
                : "DO $$ BEGIN EXECUTE format('ALTER TABLE " + table + " ADD COLUMN " + to + " %s', "
                + "(SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
                + "'::regclass AND attname = '" + from + "' AND NOT attisdropped)); END $$";
        // unknown nullability counts as NOT NULL: dropping NOT NULL from a nullable column is a no-op
        boolean mayBeNotNull = known.map(c -> !c.nullable()).orElse(true);

        Recipe.Builder r = Recipe.builder(key(op)).replaces(op).rank(RANK).anchor(0);
        r.plan().deploy("expand: add " + table + "." + to + " next to " + from)
                .code(app.writeBoth(table, from, to))
                .changeSet(new PlanChangeSet(ctx.rewriteId(to + "-add"), author, true, List.of(addColumn),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + to), null).locking())
                .deploy("backfill " + to + " from " + from + " in committed batches (once the code writing both runs everywhere)")
                .blockChangeSet(ctx.rewriteId(to + "-backfill"), author,
                        BatchedBackfill.update(ctx.schema(), table, to + " = " + from,
                                to + " IS NULL AND " + from + " IS NOT NULL"), null)
                .deploy("switch reads to " + to + " (application only)")
                .code(app.readNew(table, from, to))
                .deploy("stop writing " + from)
                .code(app.stopWritingOld(table, from, to));
        if (mayBeNotNull) {
            // code that no longer writes the old column must still be able to insert
            r.plan().changeSet(new PlanChangeSet(ctx.rewriteId(from + "-drop-not-null"), author, true,
                    List.of("ALTER TABLE " + table + " ALTER COLUMN " + from + " DROP NOT NULL"), List.of(), null).locking());
        }
        r.plan().deploy("contract: drop " + table + "." + from + " once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId(from + "-drop"), author, true,
                        List.of("ALTER TABLE " + table + " DROP COLUMN " + from),
                        type == null ? List.of() : List.of("ALTER TABLE " + table + " ADD COLUMN " + from + " " + type),
                        null).locking())
                .note("Each deploy of the rename starts only when the version before it is gone from every instance; "
                        + "the old version keeps working through every step until the contract deploy drops " + from + ".")
                .note("The backfill commits every batch (PostgreSQL 11+, hence runInTransaction=\"false\"): no "
                        + "transaction holds row locks on all of " + table + ".");
        for (String note : BatchedBackfill.notes(ctx.schema(), table)) r.plan().note(note);
        r.plan().note("If " + from + " must stay NOT NULL under its new name, enforce it on " + to
                + " after the backfill with set-not-null's rewrite (NOT VALID check, VALIDATE, SET NOT NULL).");
        if (mayBeNotNull && known.isEmpty()) {
            r.plan().note("The stop-writing deploy drops NOT NULL on " + from + " (a no-op if it is nullable) so code that "
                    + "no longer writes it can still insert.");
        }
        return r.build();
    }
}
