package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "add-exclusion-constraint", severity = Severity.ERROR, traced = TracedClaim.INDEX_BUILD,
        summary = "An EXCLUDE constraint on an existing table builds its index and checks every row under ACCESS EXCLUSIVE")
public final class AddExclusionConstraint implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof AddConstraint ac) || ac.kind() != ConstraintKind.EXCLUDE || ac.table() == null
                || ctx.tableIsEmpty(ac.table())) return;
        String table = ac.table();
        String name = ConstraintStatements.constraintName(ac, ctx.schema());
        ctx.finding(this).table(table)
                .message("exclusion constraint " + name + " added to existing table " + table)
                .why("ADD CONSTRAINT ... EXCLUDE takes an ACCESS EXCLUSIVE lock on " + table + " and keeps it while it "
                        + "builds the constraint's index over every row: the running version's reads and writes on "
                        + table + " all wait. PostgreSQL has no NOT VALID and no USING INDEX form for exclusion "
                        + "constraints, so there is no lock-free way to add one to a table in use.")
                // No rewrite exists: the choice between a table swap and downtime is the team's.
                .cure(Advice.of("add-exclusion-constraint:" + table + "." + name,
                        "There is no online form of this statement. Either build a new table with the constraint, "
                                + "copy the rows of " + table + " into it in batches while the application writes to both, "
                                + "and swap the tables in a later deploy (see rename-table);",
                        "or run it in an announced maintenance window, with the application's writes to " + table
                                + " stopped: it blocks " + table + " for as long as the index build over all its rows."))
                .report();
    }
}
