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
        return of(List.of(op), ctx, suffix, runInTransaction, locks, summary, note);
    }

    /** Consecutive operations from SQL moved together, in their order, into one changeset of their own. */
    public static Recipe of(List<Operation> ops, RecipeContext ctx, String suffix, boolean runInTransaction, boolean locks,
                            String summary, String note) {
        List<String> statements = ops.stream().map(o -> o.origin().sql().strip()).toList();
        Recipe.Builder r = Recipe.builder("own-changeset:" + String.join(";", statements).toLowerCase(Locale.ROOT))
                .replaces(ops).rank(RANK);
        Plan.PlanChangeSet cs = new Plan.PlanChangeSet(ctx.rewriteId(suffix), ctx.changeSet().author(), runInTransaction,
                statements, List.of(), null);
        r.plan().deploy(summary).changeSet(locks ? cs.locking() : cs).note(note);
        return r.build();
    }
}
