package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.IndexStatements;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "drop-index-not-concurrent", severity = Severity.WARNING,
        summary = "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table")
public final class DropIndexNotConcurrent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof DropIndex di) || di.concurrently()) return;
        Optional<Schema.Index> known = ctx.schema().index(di.index());
        String table = di.table() != null ? di.table() : known.map(Schema.Index::table).orElse(null);
        if (table != null && ctx.tableIsEmpty(table)) return;
        if (known.isPresent() && known.get().createdInRelease()) return; // built in this release: nobody uses it yet
        List<String> rollback = known.map(i -> List.of("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS "
                + i.name() + " ON " + i.table() + " (" + String.join(", ", i.columns()) + ")")).orElse(List.of());
        String on = table != null ? " on " + table : "";
        ctx.finding(this).table(table)
                .message("DROP INDEX " + di.index() + on + " without CONCURRENTLY")
                .why("A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table" + on + ": it waits behind every "
                        + "running query and, while it waits, blocks every read and write that queues behind it.")
                .rewrite(Plan.builder()
                        .deploy("drop the index concurrently, outside a transaction")
                        .changeSet(ctx.rewriteId("concurrently"), ctx.changeSet().author(), false,
                                List.of(IndexStatements.dropConcurrently(di.index())), rollback)
                        .build())
                .report();
    }
}
