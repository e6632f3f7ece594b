package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.plan.Recipe;

import java.util.List;

/**
 * Build an index without blocking writes: {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} in a
 * changeset of its own, outside a transaction, with the concurrent drop as its rollback.
 */
public final class ConcurrentIndex {
    private ConcurrentIndex() {
    }

    public static Recipe of(CreateIndex index, RecipeContext ctx) {
        String name = IndexStatements.indexName(index);
        Recipe.Builder r = Recipe.builder("concurrent-index:" + index.table() + "." + name).replaces(index).rank(10);
        r.plan().deploy("build the index without blocking writes (its own changeset, outside a transaction)")
                .changeSet(ctx.rewriteId("concurrently"), ctx.changeSet().author(), false,
                        List.of(IndexStatements.createConcurrently(index, ctx)), List.of(IndexStatements.dropConcurrently(name)))
                .note(failureNote(name));
        return r.build();
    }

    /** What a failed concurrent build leaves behind, and how to retry. */
    public static String failureNote(String name) {
        return "CREATE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\"; "
                + "if the build fails it leaves an INVALID index: DROP INDEX CONCURRENTLY IF EXISTS " + name
                + " and run the deploy again (IF NOT EXISTS would otherwise keep the invalid one).";
    }
}
