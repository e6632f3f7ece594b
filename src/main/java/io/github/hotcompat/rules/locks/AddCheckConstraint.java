package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;

@RuleInfo(id = "add-check-constraint", severity = Severity.ERROR,
        summary = "A CHECK constraint without NOT VALID on an existing table scans it under ACCESS EXCLUSIVE")
public final class AddCheckConstraint implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof AddConstraint ac) || ac.kind() != ConstraintKind.CHECK || ac.notValid()
                || ctx.tableIsEmpty(ac.table())) return;
        String table = ac.table();
        String name = ConstraintStatements.constraintName(ac, ctx.schema());
        String author = ctx.changeSet().author();
        Plan.Builder rewrite = Plan.builder()
                .deploy("add the check NOT VALID (new and changed rows are checked at once, existing rows are not "
                        + "scanned), then validate it in its own changeset")
                .changeSet(ctx.rewriteId(name + "-not-valid"), author, true,
                        List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK (" + ConstraintStatements.checkExpression(ac) + ") NOT VALID"),
                        List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name))
                .changeSet(ctx.rewriteId(name + "-validate"), author, true,
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name), List.of())
                .note("VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE, which lets reads and writes "
                        + "go on; it must not share a transaction with the ADD, which holds ACCESS EXCLUSIVE until commit.")
                .note("If VALIDATE fails, existing rows violate the check: fix them in batches and deploy again.");
        ctx.finding(this).table(table)
                .message("CHECK constraint " + name + " added to existing table " + table + " without NOT VALID")
                .why("ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock on " + table + " and keeps it while it "
                        + "scans every row: the running version's reads and writes on " + table + " all wait.")
                .rewrite(rewrite.build())
                .report();
    }
}
