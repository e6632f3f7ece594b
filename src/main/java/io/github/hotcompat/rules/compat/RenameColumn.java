package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.ExpandContractRename;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.EntityMappings;

import java.util.Optional;

@RuleInfo(id = "rename-column", severity = Severity.ERROR,
        summary = "Renaming a column of an existing table breaks the running version, which still uses the old name")
public final class RenameColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.RenameColumn rc) || ctx.schema().isNewTable(rc.table())) return;
        String table = rc.table();
        String from = rc.column();
        String to = rc.newName();
        Optional<Schema.Column> known = ctx.schema().column(table, from);
        // a column this release added is unknown to the running version; the old name coming back
        // in the same changeset (a column swap) leaves it what it uses; and a name the changeset itself gave
        // (the swap's temporary name) exists only inside its transaction
        if (known.map(Schema.Column::addedInRelease).orElse(false) || ctx.columnComesBack(op, table, from)
                || ctx.columnNamedEarlier(op, table, from)) return;
        ctx.finding(this).table(table).column(from)
                .message("column " + table + "." + from + " renamed to " + to + " on an existing table")
                .why("The version still running during a rolling deploy reads and writes " + table + "." + from
                        + ": from the moment the rename commits its queries fail with 'column \"" + from
                        + "\" does not exist' until the last old instance is gone.")
                .cure(ExpandContractRename.of(rc, ctx, EntityMappings.columnUsers(ctx.entities(), table, from)))
                .report();
    }
}
