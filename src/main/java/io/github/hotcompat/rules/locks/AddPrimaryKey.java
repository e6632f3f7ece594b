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

@RuleInfo(id = "add-primary-key", severity = Severity.ERROR, traced = TracedClaim.INDEX_BUILD,
        summary = "ADD PRIMARY KEY on an existing table builds its index and checks NOT NULL under ACCESS EXCLUSIVE")
public final class AddPrimaryKey implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.PRIMARY_KEY && ac.usingIndex() == null
                && !ctx.tableIsEmpty(ac.table())) {
            String name = ConstraintStatements.constraintName(ac, ctx.schema());
            report(ctx, ac.table(), ac.columns(),
                    "primary key " + name + " added to existing table " + ac.table() + " without USING INDEX",
                    UniqueViaIndex.primaryKey(ac, ctx));
        } else if (op instanceof AddColumn add && add.column().primaryKey() && !ctx.tableIsEmpty(add.table())) {
            String column = add.column().name();
            report(ctx, add.table(), List.of(column),
                    "column " + column + " added to existing table " + add.table() + " as an inline PRIMARY KEY",
                    InlineConstraints.of(add, ctx));
        }
    }

    private void report(RuleContext ctx, String table, List<String> columns, String message, Recipe cure) {
        ctx.finding(this).table(table).column(columns.size() == 1 ? columns.get(0) : null)
                .message(message)
                .why("ADD PRIMARY KEY holds ACCESS EXCLUSIVE on " + table + " while it checks every key value for "
                        + "NULL and builds the unique index: every read and write of the running version on " + table
                        + " waits until it ends.")
                .cure(cure)
                .report();
    }
}
