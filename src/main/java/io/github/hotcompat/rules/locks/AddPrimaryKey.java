package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
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
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.recipe.UniqueViaIndex;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "add-primary-key", severity = Severity.ERROR, traced = TracedClaim.INDEX_BUILD,
        summary = "ADD PRIMARY KEY on an existing table builds its index and checks NOT NULL under ACCESS EXCLUSIVE")
public final class AddPrimaryKey implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Dialect dialect = Dialect.of(ctx.target());
        boolean judged = op instanceof AddConstraint ac0 && ac0.kind() == ConstraintKind.PRIMARY_KEY
                || op instanceof AddColumn add0 && add0.column().primaryKey();
        Optional<OnlineDdl.Verdict> online = judged ? dialect.online(op, ctx.schema(), ctx.operations()) : Optional.empty();
        if (online.isPresent()) {
            online(op, ctx, dialect, online.get());
            return;
        }
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

    /**
     * An engine that picks an algorithm per operation (InnoDB): ADD PRIMARY KEY rebuilds the table INPLACE with
     * concurrent DML, except on MySQL over a column that must become NOT NULL (COPY); a column added as an inline
     * primary key is judged as its ADD COLUMN (an AUTO_INCREMENT one needs LOCK=SHARED). Reported only when writes wait.
     */
    private void online(Operation op, RuleContext ctx, Dialect ddl, OnlineDdl.Verdict verdict) {
        String table = op instanceof AddConstraint ac ? ac.table() : ((AddColumn) op).table();
        if (verdict.concurrentDml() || ctx.tableIsEmpty(table)) return;
        // an AUTO_INCREMENT or generated column: add-serial-or-generated-column reports its ADD COLUMN
        if (op instanceof AddColumn add && (add.column().autoIncrement() || add.column().generated() != null)) return;
        String clause = op.origin().fromSql() ? OnlineSchemaChange.alterClause(op.origin().sql())
                : op instanceof AddConstraint ac ? "ADD PRIMARY KEY (" + String.join(", ", ac.columns()) + ")"
                : "ADD COLUMN " + ((AddColumn) op).column().name() + " " + ((AddColumn) op).column().type() + " PRIMARY KEY";
        ctx.finding(this).table(table)
                .message("primary key added to existing table " + table + ": writes blocked on " + ddl.engine())
                .why("On " + ddl.engine() + " " + verdict.reason() + ": every INSERT, UPDATE and DELETE of the running "
                        + "version on " + table + " waits until it ends.")
                .cure(OnlineSchemaChange.of(table, clause, op instanceof AddConstraint
                        ? "Make the key columns NOT NULL first (MODIFY ... NOT NULL is INPLACE with concurrent DML), then "
                                + "add the key with ALGORITHM=INPLACE, LOCK=NONE, or:"
                        : "InnoDB has no LOCK=NONE form for this change.", ctx.schema()))
                .report();
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
