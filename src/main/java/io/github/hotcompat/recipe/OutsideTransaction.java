package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Locale;

/**
 * A statement PostgreSQL refuses in a transaction block ({@code REINDEX CONCURRENTLY}), moved as
 * written into a changeset of its own that runs outside a transaction and is sent alone. The
 * changeset's other statements stay where they were, around it.
 */
public final class OutsideTransaction {
    private OutsideTransaction() {
    }

    /** {@code op} must come from SQL: its statement is what the new changeset runs. */
    public static Recipe of(Operation op, RecipeContext ctx) {
        String statement = op.origin().sql().strip();
        Recipe.Builder r = Recipe.builder("outside-transaction:" + statement.toLowerCase(Locale.ROOT)).replaces(op)
                .rank(ConcurrentIndex.RANK);
        r.plan().deploy("the same statement alone in a changeset that runs outside a transaction")
                .changeSet(ctx.rewriteId("concurrently"), ctx.changeSet().author(), false, List.of(statement), List.of())
                .note("A CONCURRENTLY statement that fails midway leaves an INVALID index behind (named *_ccnew for "
                        + "REINDEX): drop it with DROP INDEX CONCURRENTLY and deploy again.");
        return r.build();
    }

    /**
     * {@code op} rewritten as {@code statement} (e.g. with CONCURRENTLY added), alone in a changeset that
     * runs outside a transaction, followed by the changesets {@code after} (what completes it); {@code notes}
     * say what the user must know about that form.
     */
    public static Recipe rewritten(Operation op, String statement, String summary, List<Plan.PlanChangeSet> after,
                                   RecipeContext ctx, String... notes) {
        Recipe.Builder r = Recipe.builder("outside-transaction:" + statement.toLowerCase(Locale.ROOT)).replaces(op)
                .rank(ConcurrentIndex.RANK);
        r.plan().deploy(summary)
                .changeSet(ctx.rewriteId("concurrently"), ctx.changeSet().author(), false, List.of(statement), List.of());
        after.forEach(r.plan()::changeSet);
        for (String note : notes) r.plan().note(note);
        return r.build();
    }
}
