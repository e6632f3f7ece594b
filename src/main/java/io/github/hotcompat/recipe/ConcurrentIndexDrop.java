package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Optional;

/**
 * Drop an index without the ACCESS EXCLUSIVE lock: {@code DROP INDEX CONCURRENTLY IF EXISTS} in a
 * changeset of its own, outside a transaction; its rollback rebuilds the index concurrently when the
 * replay knows it. Also the cure of a concurrent drop that sits in a transaction or a batch.
 */
public final class ConcurrentIndexDrop {
    private ConcurrentIndexDrop() {
    }

    /** {@code ctx.schema()} must be the schema before the drop (a rule's checkOperation). */
    public static Recipe of(DropIndex drop, RecipeContext ctx) {
        Optional<Schema.Index> known = ctx.schema().index(drop.index());
        String table = drop.table() != null ? drop.table() : known.map(Schema.Index::table).orElse("");
        List<String> rollback = known.map(i -> List.of((i.unique() ? "CREATE UNIQUE INDEX" : "CREATE INDEX")
                + " CONCURRENTLY IF NOT EXISTS " + i.name() + " ON " + i.table() + " " + ConstraintStatements.cols(i.columns())))
                .orElse(List.of());
        Recipe.Builder r = Recipe.builder("drop-" + ConcurrentIndex.key(table, drop.index())).replaces(drop)
                .rank(ConcurrentIndex.RANK);
        r.plan().deploy("drop the index concurrently, outside a transaction")
                .changeSet(ConcurrentIndex.changeSetId(ctx, drop.index(), "drop-concurrently"), ctx.changeSet().author(), false,
                        List.of(statement(drop.index())), rollback)
                .note("DROP INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\"; it waits "
                        + "for the transactions using the index to end, without blocking reads and writes meanwhile.");
        return r.build();
    }

    static String statement(String index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + index;
    }
}
