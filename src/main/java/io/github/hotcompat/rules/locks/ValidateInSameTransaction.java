package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.ValidateConstraint;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.NotValidConstraint;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.Optional;

@RuleInfo(id = "validate-in-same-transaction", severity = Severity.WARNING, traced = TracedClaim.SCAN,
        summary = "A NOT VALID constraint validated in the same transaction: the ADD's ACCESS EXCLUSIVE lasts through the scan")
public final class ValidateInSameTransaction implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        // Outside a transaction each statement commits on its own, so the ADD's lock is gone before the scan.
        if (!(op instanceof ValidateConstraint v) || !ctx.changeSet().runInTransaction() || v.table() == null
                || v.name() == null) return;
        Optional<AddConstraint> add = addedEarlier(v, ctx);
        if (add.isEmpty() || ctx.tableIsEmpty(v.table())) return;
        String kind = add.get().kind() == ConstraintKind.FOREIGN_KEY ? "foreign key" : "CHECK constraint";
        ctx.finding(this).table(v.table())
                .message(kind + " " + v.name() + " is added NOT VALID and validated in the same changeset (one "
                        + "transaction) on existing table " + v.table())
                .why("The ADD CONSTRAINT takes " + (add.get().kind() == ConstraintKind.FOREIGN_KEY
                        ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE") + " on " + v.table() + " and holds it until "
                        + "the transaction commits, so it is still held while VALIDATE scans every row: the running "
                        + "version's writes on " + v.table() + " wait for the whole scan, and NOT VALID buys nothing.")
                .replaces(add.get(), v)
                .cure(NotValidConstraint.validateApart(add.get(), v, ctx))
                .report();
    }

    /** The NOT VALID ADD of this changeset, before {@code v}, that {@code v} validates. */
    private static Optional<AddConstraint> addedEarlier(ValidateConstraint v, RuleContext ctx) {
        AddConstraint found = null;
        for (Operation op : ctx.operations()) {
            if (op == v) break;
            if (op instanceof AddConstraint ac && ac.notValid() && ac.table() != null
                    && ac.table().equalsIgnoreCase(v.table())
                    && (ac.kind() == ConstraintKind.CHECK || ac.kind() == ConstraintKind.FOREIGN_KEY)
                    && ConstraintStatements.constraintName(ac, ctx.schema()).equalsIgnoreCase(v.name())) {
                found = ac;
            }
        }
        return Optional.ofNullable(found);
    }
}
