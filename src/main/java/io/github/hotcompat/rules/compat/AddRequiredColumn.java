package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.AddColumnThenBackfill;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

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
                .cure(AddColumnThenBackfill.required(add, ctx))
                .report();
    }
}
