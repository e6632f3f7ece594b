package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ConcurrentIndex;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "index-not-concurrent", severity = Severity.ERROR, traced = TracedClaim.INDEX_BUILD,
        summary = "CREATE INDEX without CONCURRENTLY on an existing table blocks all writes for the whole build")
public final class IndexNotConcurrent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof CreateIndex ci) || ci.concurrently() || ctx.tableIsEmpty(ci.table())) return;
        String name = ci.nameOrDefault();
        ctx.finding(this).table(ci.table())
                .message("CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX " + name + " on existing table "
                        + ci.table() + " without CONCURRENTLY")
                .why("A plain CREATE INDEX holds a SHARE lock on " + ci.table() + " for the whole index build: every "
                        + "INSERT, UPDATE and DELETE from the running version waits until it finishes (minutes on a big table).")
                .cure(ConcurrentIndex.of(ci, ctx))
                .report();
    }
}
