package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ConcurrentIndexDrop;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.Optional;

@RuleInfo(id = "drop-index-not-concurrent", severity = Severity.WARNING, traced = TracedClaim.ACCESS_EXCLUSIVE,
        summary = "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table")
public final class DropIndexNotConcurrent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof DropIndex di) || di.concurrently()) return;
        Optional<Schema.Index> known = ctx.schema().index(di.index());
        String table = di.table() != null ? di.table() : known.map(Schema.Index::table).orElse(null);
        if (table != null && ctx.tableIsEmpty(table)) return;
        if (known.isPresent() && known.get().createdInRelease()) return; // built in this release: nobody uses it yet
        String on = table != null ? " on " + table : "";
        ctx.finding(this).table(table)
                .message("DROP INDEX " + di.index() + on + " without CONCURRENTLY")
                .why("A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table" + on + ": it waits behind every "
                        + "running query and, while it waits, blocks every read and write that queues behind it.")
                .cure(ConcurrentIndexDrop.of(di, ctx))
                .report();
    }
}
