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

import java.util.ArrayList;
import java.util.List;

@RuleInfo(id = "add-primary-key", severity = Severity.ERROR,
        summary = "ADD PRIMARY KEY on an existing table builds its index and checks NOT NULL under ACCESS EXCLUSIVE")
public final class AddPrimaryKey implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.PRIMARY_KEY && ac.usingIndex() == null
                && !ctx.tableIsEmpty(ac.table())) {
            String name = ConstraintStatements.constraintName(ac, ctx.schema());
            report(ctx, ac.table(), ac.columns(), name, List.of(),
                    "primary key " + name + " added to existing table " + ac.table() + " without USING INDEX");
        } else if (op instanceof AddColumn add && add.column().primaryKey() && !ctx.tableIsEmpty(add.table())) {
            String column = add.column().name();
            report(ctx, add.table(), List.of(column), add.table() + "_pkey",
                    List.of(ConstraintStatements.addPlainColumn(add)),
                    "column " + column + " added to existing table " + add.table() + " as an inline PRIMARY KEY");
        }
    }

    private void report(RuleContext ctx, String table, List<String> columns, String name, List<String> addColumnFirst,
                        String message) {
        String author = ctx.changeSet().author();
        // Columns the replay knows to be NOT NULL need no check; unknown ones get the safe recipe.
        List<String> nullable = columns.stream()
                .filter(c -> !ConstraintStatements.knownNotNull(ctx.schema(), table, c)).toList();
        Plan.Builder rewrite = Plan.builder();
        rewrite.deploy(nullable.isEmpty()
                ? "build the unique index without blocking writes"
                : "build the unique index without blocking writes; add NOT VALID checks that the key columns are "
                        + "not null (new rows are checked at once, no scan)");
        if (!addColumnFirst.isEmpty()) {
            rewrite.changeSet(ctx.rewriteId(columns.get(0) + "-add"), author, true, addColumnFirst,
                    List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + columns.get(0)));
        }
        rewrite.changeSet(ctx.rewriteId(name + "-index"), author, false,
                List.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + table + " "
                        + ConstraintStatements.cols(columns)),
                List.of("DROP INDEX CONCURRENTLY IF EXISTS " + name));
        List<String> checks = new ArrayList<>();
        for (String column : nullable) {
            String check = ConstraintStatements.generatedName(table, List.of(column), "not_null");
            checks.add(check);
            rewrite.changeSet(ctx.rewriteId(check), author, true,
                    List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column
                            + " IS NOT NULL) NOT VALID"),
                    List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + check));
        }
        if (!nullable.isEmpty()) {
            rewrite.deploy("fill any NULL key values, then validate the checks (SHARE UPDATE EXCLUSIVE: reads and "
                    + "writes go on during the scan)");
            for (String check : checks) {
                rewrite.changeSet(ctx.rewriteId(check + "-validate"), author, true,
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check), List.of());
            }
            rewrite.deploy("mark the columns NOT NULL (the validated checks spare the scan), drop the checks and "
                    + "turn the index into the primary key (brief ACCESS EXCLUSIVE, no scan, no build)");
        }
        List<String> finish = new ArrayList<>();
        List<String> undo = new ArrayList<>();
        for (int i = 0; i < nullable.size(); i++) {
            finish.add("ALTER TABLE " + table + " ALTER COLUMN " + nullable.get(i) + " SET NOT NULL");
            finish.add("ALTER TABLE " + table + " DROP CONSTRAINT " + checks.get(i));
        }
        finish.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " PRIMARY KEY USING INDEX " + name);
        undo.add("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name);
        rewrite.changeSet(ctx.rewriteId(name + "-constraint"), author, true, finish, undo)
                .note("CREATE UNIQUE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\". "
                        + "If it fails (a duplicate key, or a deadlock) it leaves an INVALID index: fix the duplicates, "
                        + "DROP INDEX CONCURRENTLY IF EXISTS " + name + " and deploy again.");
        if (!nullable.isEmpty()) {
            Boolean pg12 = ctx.target().atLeast(12);
            if (pg12 == null) {
                rewrite.note("SET NOT NULL skips its scan only on PostgreSQL 12+ (it uses the validated check); "
                        + "set databaseVersion to know. On older versions it scans " + table + " under ACCESS EXCLUSIVE.");
            } else if (!pg12) {
                rewrite.note("On PostgreSQL " + ctx.target().version() + " SET NOT NULL still scans " + table
                        + " under ACCESS EXCLUSIVE (the check is used from 12 on): plan that step for a quiet moment.");
            }
        }
        ctx.finding(this).table(table).column(columns.size() == 1 ? columns.get(0) : null)
                .message(message)
                .why("ADD PRIMARY KEY holds ACCESS EXCLUSIVE on " + table + " while it checks every key value for "
                        + "NULL and builds the unique index: every read and write of the running version on " + table
                        + " waits until it ends.")
                .rewrite(rewrite.build())
                .report();
    }
}
