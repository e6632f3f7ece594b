package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;

import java.util.List;

@RuleInfo(id = "index-not-concurrent", severity = Severity.ERROR,
        summary = "CREATE INDEX without CONCURRENTLY on an existing table blocks all writes for the whole build")
public final class IndexNotConcurrent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof CreateIndex ci) || ci.concurrently() || ctx.tableIsEmpty(ci.table())) return;
        String name = IndexStatements.indexName(ci);
        Rewrite.Builder rewrite = Rewrite.builder()
                .deploy("build the index without blocking writes (its own changeset, outside a transaction)")
                .changeSet(ctx.rewriteId("concurrently"), ctx.changeSet().author(), false,
                        List.of(IndexStatements.createConcurrently(ci, ctx)), List.of(IndexStatements.dropConcurrently(name)))
                .note("CREATE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\"; "
                        + "if the build fails it leaves an INVALID index: DROP INDEX CONCURRENTLY IF EXISTS " + name
                        + " and run the deploy again (IF NOT EXISTS would otherwise keep the invalid one).");
        ctx.finding(this).table(ci.table())
                .message("CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX " + name + " on existing table "
                        + ci.table() + " without CONCURRENTLY")
                .why("A plain CREATE INDEX holds a SHARE lock on " + ci.table() + " for the whole index build: every "
                        + "INSERT, UPDATE and DELETE from the running version waits until it finishes (minutes on a big table).")
                .rewrite(rewrite.build())
                .report();
    }
}
