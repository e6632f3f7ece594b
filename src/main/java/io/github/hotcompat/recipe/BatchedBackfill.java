package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.extract.ChangeSetSql.ChangeStatements;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The batched backfill: one PL/pgSQL block that runs an UPDATE (or DELETE) batch by batch and
 * commits after each, walking integer key ranges, keyset batches of another key, or heap pages when
 * the table has no single-column key; never rescanning from the start. Every recipe that backfills
 * writes it through here; it ships in a changeset outside a transaction, not split at semicolons.
 */
public final class BatchedBackfill {
    /** Outranks moving the same UPDATE to a changeset of its own ({@link DmlAfterDdl}). */
    public static final int RANK = 20;

    private BatchedBackfill() {
    }

    /**
     * {@code UPDATE table SET assignments WHERE pending}, batched. {@code pending} is false for a row once
     * it is done, so a row met twice is skipped: where hotcompat does not know the table's key, the
     * batches walk heap pages instead of guessing one.
     */
    public static String update(Schema schema, String table, String assignments, String pending) {
        String statement = "UPDATE " + table + " SET " + assignments + " WHERE " + pending;
        return Backfills.walk(schema, table) == Backfills.Walk.GUESSED_ID
                ? Backfills.pageRangeLoop(statement, table, false)
                : of(schema, table, statement);
    }

    /** Any UPDATE or DELETE of {@code table}, batched; its own WHERE is kept and ANDed with each batch's range. */
    public static String of(Schema schema, String table, String statement) {
        return Backfills.batchedLoop(statement, schema, table, false);
    }

    /**
     * The recipe that replaces the changeset's UPDATE/DELETE {@code d} with its batched form, in a changeset
     * of its own at the statement's place: the changeset's other statements stay where they are.
     */
    public static Recipe replacing(DataChange d, RecipeContext ctx) {
        String key = "batched-backfill:" + indexOf(d, ctx);
        Optional<String> statement = statementOf(d, ctx);
        if (statement.isEmpty()) {
            // advice only: nothing replaced, the planner keeps (or names) the change as it is
            Recipe.Builder advice = Recipe.builder(key);
            advice.plan().note("hotcompat could not write change " + (d.origin().changeIndex() + 1) + " ("
                    + d.origin().changeType() + ") as SQL: run its " + d.kind() + " of " + d.table() + " in key-range "
                    + "batches, each committed on its own, in a changeset with runInTransaction=\"false\".");
            return advice.build();
        }
        Recipe.Builder r = Recipe.builder(key).replaces(d).rank(RANK);
        Plan.Builder b = r.plan();
        String sql = statement.get();
        if (MySqlForms.of(ctx).isPresent()) {
            b.deploy("the " + d.kind() + " of " + d.table() + " in batches of " + Backfills.BATCH + " rows, each committed on its own");
            MySqlForms.backfill(b, ctx, changeSetSuffix(d, ctx, "batched"), d.table(), sql);
            MySqlForms.backfillNotes(ctx.schema(), d.table()).forEach(b::note);
            return r.build();
        }
        b.deploy("the " + d.kind() + " of " + d.table() + " in batches of " + Backfills.BATCH + " rows, each committed on its own")
                .unsplitChangeSet(ctx.rewriteId(changeSetSuffix(d, ctx, "batched")), ctx.changeSet().author(), false,
                        List.of(Backfills.batchedLoop(sql, ctx.schema(), d.table(), d.where() == null)), List.of());
        b.note(HOW_IT_RUNS);
        String walk = Backfills.walkNote(ctx.schema(), d.table());
        if (walk != null) b.note(walk);
        Backfills.tradeOffNotes().forEach(b::note);
        String column = Backfills.key(ctx.schema(), d.table());
        b.note("Alternatively run it from an application job, one batch per transaction with a pause in between: "
                + Backfills.oneBatch(sql, column, d.where() == null) + " for :from = min(" + column + "), stepping by "
                + Backfills.BATCH + " up to max(" + column + ").");
        return r.build();
    }

    /** How the batched block runs, said once for every recipe that writes one. */
    public static final String HOW_IT_RUNS = "A batched backfill is one DO block that commits after every batch: its "
            + "changeset runs outside a transaction (runInTransaction=\"false\") and as one statement "
            + "(splitStatements=\"false\"), as COMMIT inside DO requires (PostgreSQL 11+; inside a transaction it would "
            + "be one big transaction again).";

    /** What the user must know about the batches of an {@link #update} of {@code table}: how they run and walk it, and the trade-offs. */
    public static List<String> notes(Schema schema, String table) {
        List<String> out = new ArrayList<>();
        out.add(HOW_IT_RUNS);
        String walk = Backfills.walk(schema, table) == Backfills.Walk.GUESSED_ID
                ? "hotcompat does not know the primary key of " + table + ", so the batches walk its heap pages (ctid "
                + "ranges, a TID range scan on PostgreSQL 14+); a row the backfill moves to a later page is skipped "
                + "there, as it is no longer pending. With the table's integer key, key ranges are cheaper."
                : Backfills.walkNote(schema, table);
        if (walk != null) out.add(walk);
        out.addAll(Backfills.tradeOffNotes());
        return out;
    }

    /**
     * {@link #notes} for a backfill behind a {@link RowTrigger} that already sets the value of every row the running
     * version writes while the loop runs: the note saying its code must write it is left out.
     */
    public static List<String> notesWithTrigger(Schema schema, String table) {
        return notes(schema, table).stream().filter(n -> !n.equals(Backfills.UNCOVERED_WRITES)).toList();
    }

    /**
     * The statement the deploy sends for {@code d}: the SQL as written, or the one statement Liquibase
     * generates for its change; empty when hotcompat cannot tell.
     */
    public static Optional<String> statementOf(DataChange d, RecipeContext ctx) {
        if (d.origin().fromSql()) return Optional.of(d.origin().sql());
        for (ChangeStatements c : ChangeSetSql.of(ctx.changeSet(), ctx.target().database())) {
            if (c.changeIndex() == d.origin().changeIndex() && c.known() && c.statements().size() == 1) {
                return Optional.of(c.statements().get(0));
            }
        }
        return Optional.empty();
    }

    /** {@code base}, numbered when the changeset holds more than one UPDATE/DELETE, so plan ids stay unique. */
    static String changeSetSuffix(DataChange d, RecipeContext ctx, String base) {
        List<Operation> dml = ctx.operations().stream()
                .filter(o -> o instanceof DataChange x && x.kind() != DataKind.INSERT && !x.truncate()).toList();
        if (dml.size() <= 1) return base;
        for (int i = 0; i < dml.size(); i++) if (dml.get(i) == d) return base + "-" + (i + 1);
        return base;
    }

    static int indexOf(Operation op, RecipeContext ctx) {
        List<Operation> ops = ctx.operations();
        for (int i = 0; i < ops.size(); i++) if (ops.get(i) == op) return i;
        return -1;
    }
}
