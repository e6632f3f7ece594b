package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.InlineConstraints;
import io.github.hotcompat.recipe.UniqueViaIndex;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;

@RuleInfo(id = "add-unique-constraint", severity = Severity.ERROR, traced = TracedClaim.INDEX_BUILD,
        summary = "A UNIQUE constraint without USING INDEX builds its index under ACCESS EXCLUSIVE")
public final class AddUniqueConstraint implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.UNIQUE && ac.usingIndex() == null
                && !ctx.tableIsEmpty(ac.table())) {
            String name = ConstraintStatements.constraintName(ac, ctx.schema());
            report(ctx, ac.table(), ac.columns(),
                    "UNIQUE constraint " + name + " added to existing table " + ac.table() + " without USING INDEX",
                    UniqueViaIndex.unique(ac, ctx));
        } else if (op instanceof AddColumn add && add.column().unique() && !add.column().primaryKey()
                && !ctx.tableIsEmpty(add.table())) {
            String column = add.column().name();
            report(ctx, add.table(), List.of(column),
                    "column " + column + " added to existing table " + add.table() + " with an inline UNIQUE",
                    InlineConstraints.of(add, ctx));
        }
    }

    private void report(RuleContext ctx, String table, List<String> columns, String message, Recipe cure) {
        ctx.finding(this).table(table).column(columns.size() == 1 ? columns.get(0) : null)
                .message(message)
                .why("Adding a UNIQUE constraint builds its index while holding ACCESS EXCLUSIVE on " + table
                        + ": every read and write of the running version on " + table + " waits for the whole build.")
                .cure(cure)
                .report();
    }
}
