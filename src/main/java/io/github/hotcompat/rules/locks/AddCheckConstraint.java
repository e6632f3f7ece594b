package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.NotValidConstraint;
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
        ctx.finding(this).table(table)
                .message("CHECK constraint " + name + " added to existing table " + table + " without NOT VALID")
                .why("ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock on " + table + " and keeps it while it "
                        + "scans every row: the running version's reads and writes on " + table + " all wait.")
                .cure(NotValidConstraint.check(ac, ctx))
                .report();
    }
}
