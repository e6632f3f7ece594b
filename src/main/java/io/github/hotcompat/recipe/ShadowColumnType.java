package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Locale;

/**
 * A type change without a rewrite under ACCESS EXCLUSIVE: a shadow column of the new type beside the
 * old one, written by the application, filled by the {@link BatchedBackfill}, read instead of the old
 * column, then the old column dropped once no running version uses it.
 */
public final class ShadowColumnType {
    public static final int RANK = 20;

    private ShadowColumnType() {
    }

    /** The shadow column's name: the column's, suffixed with the new type's base name. */
    public static String shadow(String column, String newTypeBase) {
        String base = newTypeBase == null ? "new" : newTypeBase.replaceAll("[^a-z0-9_]", "_");
        return ConstraintStatements.generatedName(column, List.of(), base); // column_base, cut to 63 characters
    }

    /**
     * @param newTypeBase the new type's base name ({@code bigint} of {@code bigint}, {@code varchar} of
     *                    {@code varchar(20)}), or null when hotcompat cannot parse it
     * @param oldNotNull  whether the old column is NOT NULL (or may be: unknown counts as NOT NULL)
     */
    public static Recipe of(AlterColumnType act, RecipeContext ctx, String newType, String newTypeBase, boolean oldNotNull) {
        String table = act.table();
        String column = act.column();
        String author = ctx.changeSet().author();
        String shadow = shadow(column, newTypeBase);
        String conversion = act.using() != null ? "(" + act.using() + ")" : column + "::" + newType;
        Recipe.Builder r = Recipe.builder("shadow-column-type:" + table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT))
                .replaces(act).rank(RANK);
        Plan.Builder b = r.plan()
                .deploy("add the new column " + shadow + " " + newType + " beside " + column + " (catalog only)")
                .code("Write both " + table + "." + column + " and " + table + "." + shadow + " (= " + conversion
                        + ") on every INSERT and UPDATE; keep reading " + column + ".")
                .changeSet(new PlanChangeSet(ctx.rewriteId("add-" + shadow), author, true,
                        List.of("ALTER TABLE " + table + " ADD COLUMN " + shadow + " " + newType),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + shadow), null).locking())
                .deploy("copy the existing values into " + shadow + " in batches")
                .code("Read " + shadow + " instead of " + column + "; still write both, so the previous version keeps "
                        + "working and a rollback stays possible.")
                // IS DISTINCT FROM also repairs rows the previous version updated during the first rollout
                .blockChangeSet(ctx.rewriteId("fill-" + shadow), author, BatchedBackfill.update(ctx.schema(),
                        table, shadow + " = " + conversion, shadow + " IS DISTINCT FROM " + conversion), null);
        b.deploy("stop using the old column" + (oldNotNull ? " (drop its NOT NULL, so inserts without it work)" : ""))
                .code("Read and write only " + table + "." + shadow + "; map the entity field to " + shadow + ".");
        if (oldNotNull) {
            b.changeSet(new PlanChangeSet(ctx.rewriteId("relax-" + column), author, true,
                    List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL"), List.of(), null).locking());
        }
        b.deploy("drop the old column once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId("drop-" + column), author, true,
                        List.of("ALTER TABLE " + table + " DROP COLUMN " + column), List.of(), null).locking());
        b.note("Make " + shadow + " NOT NULL, if " + column + " was, with the set-not-null recipe (NOT VALID check, "
                + "VALIDATE, then SET NOT NULL on PostgreSQL 12+), and recreate the indexes and constraints of " + column
                + " on " + shadow + " (CREATE INDEX CONCURRENTLY) before the drop.");
        b.note("The column keeps the name " + shadow + ": renaming it back would break the running version again "
                + "(see rename-column).");
        BatchedBackfill.notes(ctx.schema(), table).forEach(b::note);
        return r.build();
    }
}
