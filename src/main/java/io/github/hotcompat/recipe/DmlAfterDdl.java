package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Optional;

/**
 * An UPDATE/DELETE moved out of the DDL's transaction into a changeset of its own at its place: the
 * statements before it commit first (the DDL's lock is released), those after it follow in a changeset
 * of their own. Only the DML is written anew; the DDL stays where the planner keeps it, and the other
 * findings' recipes cure it. A batched backfill of the same statement outranks it.
 */
public final class DmlAfterDdl {
    public static final int RANK = 5;

    private DmlAfterDdl() {
    }

    public static Recipe of(DataChange d, RecipeContext ctx) {
        String key = "dml-after-ddl:" + BatchedBackfill.indexOf(d, ctx);
        Optional<String> statement = BatchedBackfill.statementOf(d, ctx);
        if (statement.isEmpty()) {
            Recipe.Builder advice = Recipe.builder(key);
            advice.plan().note("hotcompat could not write change " + (d.origin().changeIndex() + 1) + " ("
                    + d.origin().changeType() + ") as SQL: move its " + d.kind() + " of " + d.table() + " out of changeset '"
                    + ctx.changeSet().id() + "' into a changeset of its own after the schema change.");
            return advice.build();
        }
        Recipe.Builder r = Recipe.builder(key).replaces(d).rank(RANK);
        r.plan().deploy("the " + d.kind() + " of " + d.table() + " in a changeset of its own, so the schema change "
                        + "before it commits (and releases its lock) first")
                .changeSet(ctx.rewriteId(BatchedBackfill.changeSetSuffix(d, ctx, "data")), ctx.changeSet().author(), true,
                        List.of(statement.get()), List.of())
                .note("The " + d.kind() + " of " + d.table() + " runs in its own transaction, after the statements before "
                        + "it have committed: the table lock of their DDL is held for the DDL alone.");
        return r.build();
    }
}
