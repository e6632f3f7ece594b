package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.EntityMappings;

@RuleInfo(id = "drop-column", severity = Severity.WARNING,
        summary = "Dropping a column of an existing table breaks the running version if it still reads or writes it")
public final class DropColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.DropColumn dc) || ctx.schema().isNewTable(dc.table())) return;
        String table = dc.table();
        String column = dc.column();
        if (ctx.columnComesBack(op, table, column)) return; // swapped within one transaction: it is there again
        ctx.finding(this).table(table).column(column)
                .message("column " + table + "." + column + " dropped from an existing table")
                .why("During a rolling deploy the previous version is still running: its ORM lists " + column
                        + " in every SELECT and INSERT on " + table + ", which fail with 'column \"" + column
                        + "\" does not exist' from the moment the drop commits.")
                .cure(DropAfterUse.column(dc, ctx, EntityMappings.columnUsers(ctx.entities(), table, column)))
                .report();
    }
}
