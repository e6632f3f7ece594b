package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.extract.ChangeSetSql.ChangeStatements;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.extract.SqlStatementParser;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.regex.Pattern;

@RuleInfo(id = "unbatched-backfill", severity = Severity.WARNING,
        summary = "An UPDATE/DELETE of every row of a large or unknown-size table in one statement")
public final class UnbatchedBackfill implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof DataChange d) || !(d.kind() == DataKind.UPDATE || d.kind() == DataKind.DELETE) || d.truncate()) return;
        if (d.table() == null || ctx.tableIsEmpty(d.table())) return;
        if (Backfills.notNullColumnTestedForNull(d, ctx.schema()) != null) return; // WHERE c IS NULL of a NOT NULL c: no row
        Target.Size size = ctx.target().size(d.table());
        if (size == Target.Size.SMALL) return;
        String unbounded = unbounded(d);
        if (unbounded == null) return;
        String verb = d.kind() == DataKind.UPDATE ? "UPDATE" : "DELETE";
        ctx.finding(this).table(d.table())
                .message(verb + " of " + unbounded + " of " + d.table() + " in one statement; "
                        + Backfills.describeSize(ctx.target(), d.table()))
                .why("One statement is one transaction: it holds a row lock on every row it touches until it ends, so "
                        + "the running version's updates and deletes of those rows wait for the whole backfill (and may "
                        + "deadlock with it); it leaves one dead row version per row for vacuum to clean up (bloat), and "
                        + "replicas replay it as one huge transaction (replication lag).")
                .rewrite(rewrite(d, ctx))
                .report();
    }

    /** What the statement touches when its WHERE bounds nothing ("every row"...), or null when it is bounded. */
    static String unbounded(DataChange d) {
        if (d.where() == null) return "every row";
        List<String> parts = SqlStatementParser.conjuncts(d.where());
        if (parts.isEmpty()) return "every row";
        for (String part : parts) {
            if (!notYetDone(part, d.setColumns())) return null;
        }
        return "every not yet backfilled row (WHERE " + d.where() + ")";
    }

    /**
     * A condition on a column the UPDATE itself assigns ({@code note IS NULL}, {@code note <> 'x'}) only
     * skips rows already done: right after the column is added it matches every row, so it bounds nothing.
     */
    private static boolean notYetDone(String condition, List<String> setColumns) {
        for (String column : setColumns) {
            String col = "\"?" + Pattern.quote(column) + "\"?";
            Pattern p = Pattern.compile("(?is)^\\(?\\s*(\\w+\\.)?" + col
                    + "\\s*(IS\\s+(NOT\\s+)?NULL|IS\\s+DISTINCT\\s+FROM\\b.*|<>.*|!=.*)\\s*\\)?$");
            if (p.matcher(condition.strip()).matches()) return true;
        }
        return false;
    }

    private Plan rewrite(DataChange d, RuleContext ctx) {
        String statement = d.origin().fromSql() ? d.origin().sql() : null;
        if (statement == null) {
            for (ChangeStatements c : ChangeSetSql.of(ctx.changeSet())) {
                if (c.changeIndex() == d.origin().changeIndex() && c.known() && c.statements().size() == 1) {
                    statement = c.statements().get(0);
                }
            }
        }
        Plan.Builder b = Plan.builder();
        if (statement == null) {
            return b.deploy("run the " + d.kind() + " of " + d.table() + " in key-range batches, each committed on its own")
                    .note("hotcompat could not write this change as SQL, so the rewrite is described instead of written out.")
                    .build();
        }
        String key = Backfills.key(ctx.schema(), d.table());
        b.deploy("the same " + d.kind() + " in key-range batches of " + Backfills.BATCH + " rows, each committed on its own")
                .unsplitChangeSet(ctx.rewriteId("batched"), ctx.changeSet().author(), false,
                        List.of(Backfills.batchedLoop(statement, ctx.schema(), d.table(), d.where() == null)), List.of());
        b.note("The changeset runs outside a transaction (runInTransaction=\"false\") and as one statement "
                + "(splitStatements=\"false\"), so the DO block may COMMIT after each batch (PostgreSQL 11+; a DO block "
                + "inside a transaction cannot commit and would be one big transaction again).");
        String walkNote = Backfills.walkNote(ctx.schema(), d.table());
        if (walkNote != null) b.note(walkNote);
        b.note("Alternatively run it from an application job, one batch per transaction with a pause in between: "
                + Backfills.oneBatch(statement, key, d.where() == null) + " for :from = min(" + key + "), stepping by " + Backfills.BATCH
                + " up to max(" + key + ").");
        Backfills.tradeOffNotes().forEach(b::note);
        return b.build();
    }
}
