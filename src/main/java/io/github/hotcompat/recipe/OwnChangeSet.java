package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Locale;

/**
 * A statement moved as written into a changeset of its own at its place: what comes before it
 * commits first, what follows runs in a changeset after it. For DDL whose lock or whose
 * transaction must not be shared with the changeset's other statements (a trigger, an enum value).
 */
public final class OwnChangeSet {
    public static final int RANK = 5;

    private OwnChangeSet() {
    }

    /**
     * @param op               an operation from SQL: its statement is what the new changeset runs
     * @param suffix           the new changeset's id suffix
     * @param runInTransaction whether the new changeset runs in a transaction
     * @param locks            it waits for a lock that blocks the application (the lock timeout goes in it)
     */
    public static Recipe of(Operation op, RecipeContext ctx, String suffix, boolean runInTransaction, boolean locks,
                            String summary, String note) {
        String statement = op.origin().sql().strip();
        Recipe.Builder r = Recipe.builder("own-changeset:" + statement.toLowerCase(Locale.ROOT)).replaces(op).rank(RANK);
        Plan.PlanChangeSet cs = new Plan.PlanChangeSet(ctx.rewriteId(suffix), ctx.changeSet().author(), runInTransaction,
                List.of(statement), List.of(), null);
        r.plan().deploy(summary).changeSet(locks ? cs.locking() : cs).note(note);
        return r.build();
    }
}
