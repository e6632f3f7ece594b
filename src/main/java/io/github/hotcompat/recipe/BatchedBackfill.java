package io.github.hotcompat.recipe;

import io.github.hotcompat.replay.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The batched backfill: one PL/pgSQL block that runs an UPDATE (or DELETE) batch by batch and
 * commits after each, walking integer key ranges, keyset batches of another key, or heap pages when
 * the table has no single-column key; never rescanning from the start. Every recipe that backfills
 * writes it through here; it ships in a changeset outside a transaction, not split at semicolons.
 */
public final class BatchedBackfill {
    private BatchedBackfill() {
    }

    /** {@code UPDATE table SET assignments WHERE pending}, batched; {@code pending} null for every row. */
    public static String update(Schema schema, String table, String assignments, String pending) {
        return of(schema, table, "UPDATE " + table + " SET " + assignments + (pending == null ? "" : " WHERE " + pending));
    }

    /** Any UPDATE or DELETE of {@code table}, batched; its own WHERE is kept and ANDed with each batch's range. */
    public static String of(Schema schema, String table, String statement) {
        return Backfills.batchedLoop(statement, schema, table, false);
    }

    /** What the user must know about the batches of {@code table}: how they walk it, and the trade-offs. */
    public static List<String> notes(Schema schema, String table) {
        List<String> out = new ArrayList<>();
        String walk = Backfills.walkNote(schema, table);
        if (walk != null) out.add(walk);
        out.addAll(Backfills.tradeOffNotes());
        return out;
    }
}
