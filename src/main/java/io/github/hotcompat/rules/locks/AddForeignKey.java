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
import io.github.hotcompat.recipe.InlineConstraints.InlineReference;
import io.github.hotcompat.recipe.InlineConstraints;
import io.github.hotcompat.recipe.NotValidConstraint;
import io.github.hotcompat.recipe.OnlineForeignKey;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.Optional;

@RuleInfo(id = "add-foreign-key", severity = Severity.ERROR, traced = TracedClaim.SCAN,
        summary = "A validated foreign key on an existing table blocks writes on both tables during the validation scan")
public final class AddForeignKey implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Dialect dialect = Dialect.of(ctx.target());
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.FOREIGN_KEY) {
            Optional<OnlineDdl.Verdict> online = dialect.online(op, ctx.schema(), ctx.operations());
            if (online.isPresent()) {
                online(ac, ctx, dialect, online.get());
                return;
            }
        }
        // InnoDB ignores an inline REFERENCES (the MySQL reference, "FOREIGN KEY Constraints")
        if (ctx.target().mysqlFamily()) return;
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.FOREIGN_KEY && !ac.notValid()
                && !ctx.tableIsEmpty(ac.table())) {
            String name = ConstraintStatements.constraintName(ac, ctx.schema());
            report(ctx, ac.table(), ac.columns().size() == 1 ? ac.columns().get(0) : null, ac.referencedTable(),
                    "foreign key " + name + " added to existing table " + ac.table() + " without NOT VALID",
                    NotValidConstraint.foreignKey(ac, ctx));
        } else if (op instanceof AddColumn add && add.column().references() != null
                && !ctx.tableIsEmpty(add.table()) && !validationSkipped(add)) {
            Optional<InlineReference> ref = InlineConstraints.reference(ctx, add);
            if (ref.isEmpty() || ref.get().notValid()) return;
            report(ctx, add.table(), add.column().name(), ref.get().referencedTable(),
                    "column " + add.column().name() + " added to existing table " + add.table()
                            + " with an inline REFERENCES " + ref.get().referencedTable() + " (validated foreign key)",
                    InlineConstraints.of(add, ctx));
        }
    }

    /**
     * An engine that picks an algorithm per operation (InnoDB): a foreign key is added INPLACE only with
     * foreign_key_checks off; with it on (the default) the table is copied and writes wait.
     */
    private void online(AddConstraint ac, RuleContext ctx, Dialect ddl, OnlineDdl.Verdict verdict) {
        if (ctx.tableIsEmpty(ac.table())) return;
        if (verdict.concurrentDml()) return;
        String table = ac.table();
        String name = ConstraintStatements.constraintName(ac, ctx.schema());
        ctx.finding(this).table(table).column(ac.columns().size() == 1 ? ac.columns().get(0) : null)
                .message("foreign key " + name + " added to existing table " + table + " while foreign_key_checks is on")
                .why("On " + ddl.engine() + " " + verdict.reason() + ": " + table + " is copied row by row and every "
                        + "INSERT, UPDATE and DELETE of the running version on it waits for the whole copy.")
                .cure(OnlineForeignKey.of(ac, ctx))
                .report();
    }

    /**
     * {@code ALTER TABLE t ADD COLUMN c ... REFERENCES p} without a default: every row's new value is NULL, so
     * PostgreSQL marks the key valid without scanning (parse_utilcmd.c, transformFKConstraints); only the brief
     * locks remain, which missing-lock-timeout reports. Liquibase's addColumn writes the key as a separate
     * ADD CONSTRAINT, which does scan.
     */
    private static boolean validationSkipped(AddColumn add) {
        return add.origin().fromSql() && !add.column().hasDefault();
    }

    private void report(RuleContext ctx, String table, String column, String referenced, String message, Recipe cure) {
        ctx.finding(this).table(table).column(column)
                .message(message)
                .why("Adding a validated foreign key takes SHARE ROW EXCLUSIVE locks on " + table + " and on " + referenced
                        + " and holds them while it scans every row of " + table + ": every INSERT, UPDATE and DELETE "
                        + "of the running version on both tables waits until the scan ends.")
                .cure(cure)
                .report();
    }
}
