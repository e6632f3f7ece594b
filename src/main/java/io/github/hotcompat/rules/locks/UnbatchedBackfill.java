package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.extract.SqlStatementParser;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.recipe.BatchedBackfill;
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
                .cure(BatchedBackfill.replacing(d, ctx))
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
}
