package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Locale;

/**
 * Rename a table (or a view) and leave a view under the old name in the same transaction, so the
 * running version keeps reading and writing through it; drop the view once no running version uses
 * the old name. One recipe for a rename, whichever rules ask for it (rename-table, table-still-mapped).
 */
public final class CompatibilityView {
    /** Above the whole-plan adapters (rank = severity): the view is the specific cure of a rename. */
    public static final int RANK = 20;

    private CompatibilityView() {
    }

    public static String key(String from, String to) {
        return "compatibility-view:" + from + "->" + to;
    }

    /** A table renamed from {@code from} to {@code to} by {@code op}. */
    public static Recipe table(Operation op, String from, String to, RecipeContext ctx, ApplicationStep app) {
        Recipe.Builder r = rename(op, "TABLE", "table", from, to, ctx, app.useRenamedTable(from, to));
        r.plan().note("A view of a single table with SELECT * is automatically updatable in PostgreSQL: the old "
                        + "version's SELECT, INSERT, UPDATE and DELETE on " + from + " go through to " + to
                        + " (column defaults of " + to + " apply). The rename takes ACCESS EXCLUSIVE for a moment only.")
                .note("The view's column list is fixed when it is created: add columns to " + to + " only after the "
                        + "view is dropped, or re-create the view. Alternative: expand/contract (create " + to
                        + ", write both, backfill, switch reads, drop " + from + ").");
        return r.build();
    }

    /** A view or materialized view renamed: a plain view over the renamed one answers the old name. */
    public static Recipe relation(Operation op, RelationKind kind, String from, String to, RecipeContext ctx,
                                  ApplicationStep app) {
        Recipe.Builder r = rename(op, kind.label().toUpperCase(Locale.ROOT), kind.label(), from, to, ctx,
                app.useRenamedRelation(kind, from, to));
        if (kind == RelationKind.VIEW) {
            r.plan().note("A SELECT * view of one view is automatically updatable in PostgreSQL when that view is: "
                    + "whatever the old version could write through " + from + " it still can.");
        } else {
            r.plan().note("The view under the old name answers the old version's queries; its REFRESH MATERIALIZED "
                    + "VIEW " + from + " fails (a plain view cannot be refreshed): refresh " + to + " from the new version.");
        }
        r.plan().note("The view's column list is fixed when it is created: change the columns of " + to
                + " only after the view is dropped, or re-create the view.");
        return r.build();
    }

    private static Recipe.Builder rename(Operation op, String keyword, String label, String from, String to,
                                         RecipeContext ctx, String code) {
        String author = ctx.changeSet().author();
        String createView = "CREATE VIEW " + from + " AS SELECT * FROM " + to;
        Recipe.Builder r = Recipe.builder(key(from, to)).replaces(op).rank(RANK).anchor(0);
        r.plan().deploy("rename the " + label + " and leave a view under the old name in the same transaction")
                .code(code)
                .changeSet(new PlanChangeSet(ctx.rewriteId(to + "-rename"), author, true,
                        List.of("ALTER " + keyword + " " + from + " RENAME TO " + to, createView),
                        List.of("DROP VIEW IF EXISTS " + from, "ALTER " + keyword + " " + to + " RENAME TO " + from),
                        null).locking())
                .deploy("drop the compatibility view once no running version uses " + from)
                .changeSet(ctx.rewriteId(from + "-drop-view"), author, true,
                        List.of("DROP VIEW IF EXISTS " + from), List.of(createView));
        return r;
    }
}
