package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.NotValidConstraint;
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "add-check-constraint", severity = Severity.ERROR, traced = TracedClaim.SCAN,
        summary = "A CHECK constraint without NOT VALID on an existing table scans it under ACCESS EXCLUSIVE")
public final class AddCheckConstraint implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof AddConstraint ac) || ac.kind() != ConstraintKind.CHECK || ac.notValid()
                || ctx.tableIsEmpty(ac.table())) return;
        String table = ac.table();
        String name = ConstraintStatements.constraintName(ac, ctx.schema());
        Dialect dialect = Dialect.of(ctx.target());
        java.util.Optional<OnlineDdl.Verdict> online = dialect.online(ac, ctx.schema(), ctx.operations());
        if (online.isPresent()) {
            online(ac, name, ctx, dialect, online.get());
            return;
        }
        ctx.finding(this).table(table)
                .message("CHECK constraint " + name + " added to existing table " + table + " without NOT VALID")
                .why("ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock on " + table + " and keeps it while it "
                        + "scans every row: the running version's reads and writes on " + table + " all wait.")
                .cure(NotValidConstraint.check(ac, ctx))
                .report();
    }

    /**
     * An engine that picks an algorithm per operation (InnoDB): a CHECK is validated while the table is copied
     * (no NOT VALID form exists); reported only when writes wait (before MySQL 8.0.16 / MariaDB 10.2.1 it is ignored).
     */
    private void online(AddConstraint ac, String name, RuleContext ctx, Dialect ddl, OnlineDdl.Verdict verdict) {
        if (verdict.concurrentDml()) return;
        String table = ac.table();
        String clause = ac.origin().fromSql() ? OnlineSchemaChange.alterClause(ac.origin().sql())
                : "ADD CONSTRAINT " + name + " CHECK (" + ac.check() + ")";
        ctx.finding(this).table(table)
                .message("CHECK constraint " + name + " added to existing table " + table + ": ALGORITHM=COPY on " + ddl.engine())
                .why("On " + ddl.engine() + " " + verdict.reason() + ": " + table + " is copied row by row and every "
                        + "INSERT, UPDATE and DELETE of the running version on it waits for the whole copy.")
                .cure(OnlineSchemaChange.of(table, clause, "InnoDB has no NOT VALID or INPLACE form for a CHECK; enforce "
                        + "the rule in the application until the table can be changed with a tool, or:", ctx.schema()))
                .report();
    }
}
