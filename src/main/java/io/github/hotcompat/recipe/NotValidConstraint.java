package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Locale;

/**
 * A foreign key or CHECK without the validation scan under a write-blocking lock: {@code ADD
 * CONSTRAINT ... NOT VALID} (new and changed rows are checked at once, existing rows are not
 * scanned, so its lock lasts a moment), then {@code VALIDATE CONSTRAINT} in a changeset of its own,
 * whose SHARE UPDATE EXCLUSIVE lock lets reads and writes go on during the scan.
 */
public final class NotValidConstraint {
    private NotValidConstraint() {
    }

    public static Recipe foreignKey(AddConstraint fk, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(fk, ctx.schema());
        String definition = "FOREIGN KEY " + ConstraintStatements.cols(fk.columns()) + " "
                + ConstraintStatements.referencesClause(ctx, fk);
        Recipe.Builder r = Recipe.builder(key(fk.table(), name)).replaces(fk).rank(ConcurrentIndex.RANK);
        r.plan().deploy(foreignKeySummary(fk.table(), fk.referencedTable()));
        append(r.plan(), ctx, fk.table(), name, List.of(addNotValid(fk.table(), name, definition)), List.of(), true);
        foreignKeyNotes(r.plan(), fk.table(), fk.referencedTable());
        return r.build();
    }

    public static Recipe check(AddConstraint check, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(check, ctx.schema());
        String definition = "CHECK (" + ConstraintStatements.checkExpression(check) + ")";
        Recipe.Builder r = Recipe.builder(key(check.table(), name)).replaces(check).rank(ConcurrentIndex.RANK);
        r.plan().deploy("add the check NOT VALID (new and changed rows are checked at once, existing rows are not "
                        + "scanned), then validate it in its own changeset");
        append(r.plan(), ctx, check.table(), name, List.of(addNotValid(check.table(), name, definition)), List.of(), true);
        r.plan().note("VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE, which lets reads and writes "
                        + "go on; it must not share a transaction with the ADD, which holds ACCESS EXCLUSIVE until commit.")
                .note("If VALIDATE fails, existing rows violate the check: fix them in batches and deploy again.");
        return r.build();
    }

    static String key(String table, String constraint) {
        return "not-valid:" + (table + "." + constraint).toLowerCase(Locale.ROOT);
    }

    static String addNotValid(String table, String name, String definition) {
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + definition + " NOT VALID";
    }

    static String foreignKeySummary(String table, String referenced) {
        return "add the foreign key NOT VALID (new and changed rows are checked from now on, existing rows are not "
                + "scanned, so the SHARE ROW EXCLUSIVE locks on " + table + " and " + referenced + " last only a moment), "
                + "then validate it in its own changeset (SHARE UPDATE EXCLUSIVE on " + table + ", ROW SHARE on "
                + referenced + ": reads and writes of both go on during the scan)";
    }

    static void foreignKeyNotes(Plan.Builder b, String table, String referenced) {
        b.note("VALIDATE must run in its own transaction, not in the one that added the constraint; it may also go "
                        + "into a later deploy.")
                .note("If VALIDATE fails, rows of " + table + " reference missing " + referenced + " rows: fix or "
                        + "delete them and deploy again; the NOT VALID constraint already protects new writes.");
    }

    /**
     * The NOT VALID changeset ({@code statements}, which hold the {@code ADD CONSTRAINT ... NOT VALID};
     * its rollback drops the constraint, then runs {@code alsoRollback}) and, when {@code validate}, the
     * VALIDATE changeset, both in the builder's current deploy.
     */
    static void append(Plan.Builder b, RecipeContext ctx, String table, String name, List<String> statements,
                       List<String> alsoRollback, boolean validate) {
        String author = ctx.changeSet().author();
        List<String> rollback = new java.util.ArrayList<>();
        rollback.add("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name);
        rollback.addAll(alsoRollback);
        b.changeSet(new PlanChangeSet(ctx.rewriteId(name + "-not-valid"), author, true, statements, rollback, null).locking());
        if (validate) {
            b.changeSet(ctx.rewriteId(name + "-validate"), author, true,
                    List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name), List.of());
        }
    }
}
