package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ColumnRecipes;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;

/**
 * A NOT NULL column without a default added to an existing table: the ALTER fails on a non-empty
 * table, and on an empty one every INSERT of the still-running old version (which does not know
 * the column) fails.
 */
@RuleInfo(id = "add-required-column", severity = Severity.ERROR,
        summary = "NOT NULL column without a default added to an existing table: fails, and breaks the old version's inserts")
public final class AddRequiredColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof AddColumn add)) return;
        ColumnDef col = add.column();
        // serial and identity columns fill themselves; generated columns are computed
        if (col.nullable() || col.hasDefault() || col.autoIncrement() || col.generated() != null) return;
        String table = add.table();
        if (ctx.schema().isNewTable(table)) return;
        String name = col.name();
        ctx.finding(this).table(table).column(name)
                .message("NOT NULL column " + name + " without a default added to existing table " + table)
                .why("On a table with rows, PostgreSQL rejects the ALTER (\"column " + name + " contains null "
                        + "values\") and the deploy stops. On an empty table it succeeds, and then every INSERT into "
                        + table + " from the version still running fails with a not-null violation, because that "
                        + "code does not know " + name + ".")
                .rewrite(rewrite(ctx, add))
                .report();
    }

    private static Plan rewrite(RuleContext ctx, AddColumn add) {
        ColumnDef col = add.column();
        String table = add.table();
        String name = col.name();
        String type = ColumnRecipes.tidyType(col.type());
        String property = table + "_" + name + "_backfill";
        Plan.Builder b = Plan.builder()
                .deploy("add " + table + "." + name + " as a nullable column (catalog only; the running version ignores it)")
                .changeSet(ctx.rewriteId("add-nullable"), ctx.changeSet().author(), true,
                        List.of("ALTER TABLE " + table + " ADD COLUMN " + name + " " + type),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + name))
                .deploy("ship the application version that writes " + name + " (no migration in this deploy)")
                .code("Map " + table + "." + name + " in the entity and set it on every INSERT and UPDATE of " + table
                        + "; the previous version, still running during the rollout, leaves it NULL.");
        ColumnRecipes.appendNotNull(b, ctx, null, table, name, "${" + property + "}", true);
        b.note("The backfill value for existing rows is yours to choose: define the changelog property " + property
                + " (e.g. <property name=\"" + property + "\" value=\"'unknown'\"/>, an SQL expression) or replace "
                + "${" + property + "} in the block; left undefined, Liquibase keeps it literally and the deploy fails "
                + "instead of writing a wrong value.");
        Boolean pg11 = ctx.target().atLeast(11);
        if (!Boolean.FALSE.equals(pg11)) {
            b.note("If one constant suits every existing row, on PostgreSQL 11+" + (pg11 == null ? " (set databaseVersion)" : "")
                    + " the first deploy can instead be 'ALTER TABLE " + table + " ADD COLUMN " + name + " " + type
                    + " NOT NULL DEFAULT <constant>': the constant is stored in the catalog, no rewrite, and the "
                    + "old version's inserts get the default. Then no further deploy is needed.");
        }
        b.note(ColumnRecipes.backfillNote());
        return b.build();
    }
}
