package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.ConstraintStatements.InlineReference;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleInfo(id = "add-foreign-key", severity = Severity.ERROR,
        summary = "A validated foreign key on an existing table blocks writes on both tables during the validation scan")
public final class AddForeignKey implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.FOREIGN_KEY && !ac.notValid()
                && !ctx.tableIsEmpty(ac.table())) {
            String name = ConstraintStatements.constraintName(ac, ctx.schema());
            String addNotValid = "ALTER TABLE " + ac.table() + " ADD CONSTRAINT " + name + " FOREIGN KEY "
                    + ConstraintStatements.cols(ac.columns()) + " " + ConstraintStatements.referencesClause(ctx, ac)
                    + " NOT VALID";
            report(ctx, ac.table(), ac.columns().size() == 1 ? ac.columns().get(0) : null, ac.referencedTable(), name,
                    "foreign key " + name + " added to existing table " + ac.table() + " without NOT VALID",
                    List.of(addNotValid), List.of());
        } else if (op instanceof AddColumn add && add.column().references() != null
                && !ctx.tableIsEmpty(add.table())) {
            Optional<InlineReference> ref = ConstraintStatements.inlineReference(ctx, add);
            if (ref.isEmpty() || ref.get().notValid()) return;
            InlineReference r = ref.get();
            String references = "REFERENCES " + r.referencedTable()
                    + (r.referencedColumns().isEmpty() ? "" : " " + ConstraintStatements.cols(r.referencedColumns()))
                    + r.actions();
            report(ctx, add.table(), add.column().name(), r.referencedTable(), r.name(),
                    "column " + add.column().name() + " added to existing table " + add.table()
                            + " with an inline REFERENCES " + r.referencedTable() + " (validated foreign key)",
                    List.of(ConstraintStatements.addPlainColumn(add),
                            "ALTER TABLE " + add.table() + " ADD CONSTRAINT " + r.name() + " FOREIGN KEY ("
                                    + add.column().name() + ") " + references + " NOT VALID"),
                    List.of("ALTER TABLE " + add.table() + " DROP COLUMN IF EXISTS " + add.column().name()));
        }
    }

    private void report(RuleContext ctx, String table, String column, String referenced, String name, String message,
                        List<String> deployOne, List<String> alsoRollback) {
        String author = ctx.changeSet().author();
        List<String> rollback = new ArrayList<>();
        rollback.add("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name);
        rollback.addAll(alsoRollback);
        Plan.Builder rewrite = Plan.builder()
                .deploy("add the foreign key NOT VALID: new and changed rows are checked from now on, existing rows "
                        + "are not scanned, so the SHARE ROW EXCLUSIVE locks on " + table + " and " + referenced
                        + " last only a moment")
                .changeSet(ctx.rewriteId(name + "-not-valid"), author, true, deployOne, rollback)
                .deploy("validate the existing rows: VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE on " + table
                        + " and ROW SHARE on " + referenced + ", so reads and writes of both go on during the scan")
                .changeSet(ctx.rewriteId(name + "-validate"), author, true,
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name), List.of())
                .note("The validation may also be a later changeset of the same deploy: what matters is that it runs "
                        + "in its own transaction, not in the one that added the constraint.")
                .note("If VALIDATE fails, rows of " + table + " reference missing " + referenced + " rows: fix or "
                        + "delete them and deploy again; the NOT VALID constraint already protects new writes.");
        ctx.finding(this).table(table).column(column)
                .message(message)
                .why("Adding a validated foreign key takes SHARE ROW EXCLUSIVE locks on " + table + " and on " + referenced
                        + " and holds them while it scans every row of " + table + ": every INSERT, UPDATE and DELETE "
                        + "of the running version on both tables waits until the scan ends.")
                .rewrite(rewrite.build())
                .report();
    }
}
