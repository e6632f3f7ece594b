package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;

@RuleInfo(id = "add-unique-constraint", severity = Severity.ERROR,
        summary = "A UNIQUE constraint without USING INDEX builds its index under ACCESS EXCLUSIVE")
public final class AddUniqueConstraint implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.UNIQUE && ac.usingIndex() == null
                && !ctx.tableIsEmpty(ac.table())) {
            String name = ConstraintStatements.constraintName(ac, ctx.schema());
            boolean nullsNotDistinct = ac.origin().fromSql()
                    && ac.origin().sql().matches("(?is).*UNIQUE\\s+NULLS\\s+NOT\\s+DISTINCT.*");
            report(ctx, ac.table(), ac.columns(), name, nullsNotDistinct, List.of(),
                    "UNIQUE constraint " + name + " added to existing table " + ac.table() + " without USING INDEX");
        } else if (op instanceof AddColumn add && add.column().unique() && !add.column().primaryKey()
                && !ctx.tableIsEmpty(add.table())) {
            String column = add.column().name();
            String name = ConstraintStatements.generatedName(add.table(), List.of(column), "key");
            report(ctx, add.table(), List.of(column), name, false, List.of(ConstraintStatements.addPlainColumn(add)),
                    "column " + column + " added to existing table " + add.table() + " with an inline UNIQUE");
        }
    }

    private void report(RuleContext ctx, String table, List<String> columns, String name, boolean nullsNotDistinct,
                        List<String> addColumnFirst, String message) {
        String author = ctx.changeSet().author();
        Plan.Builder rewrite = Plan.builder()
                .deploy("build the unique index without blocking writes, then turn it into the constraint (a brief "
                        + "ACCESS EXCLUSIVE lock, no scan)");
        if (!addColumnFirst.isEmpty()) {
            rewrite.changeSet(ctx.rewriteId(columns.get(0) + "-add"), author, true, addColumnFirst,
                    List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + columns.get(0)));
        }
        rewrite.changeSet(ctx.rewriteId(name + "-index"), author, false,
                        List.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + table + " "
                                + ConstraintStatements.cols(columns) + (nullsNotDistinct ? " NULLS NOT DISTINCT" : "")),
                        List.of("DROP INDEX CONCURRENTLY IF EXISTS " + name))
                .changeSet(ctx.rewriteId(name + "-constraint"), author, true,
                        List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " UNIQUE USING INDEX " + name),
                        List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name))
                .note("CREATE UNIQUE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\". "
                        + "If it fails (a duplicate, or a deadlock) it leaves an INVALID index: remove duplicates, "
                        + "DROP INDEX CONCURRENTLY IF EXISTS " + name + " and deploy again.");
        ctx.finding(this).table(table).column(columns.size() == 1 ? columns.get(0) : null)
                .message(message)
                .why("Adding a UNIQUE constraint builds its index while holding ACCESS EXCLUSIVE on " + table
                        + ": every read and write of the running version on " + table + " waits for the whole build.")
                .rewrite(rewrite.build())
                .report();
    }
}
