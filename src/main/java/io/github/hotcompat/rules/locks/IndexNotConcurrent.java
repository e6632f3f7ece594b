package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ConcurrentIndex;
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "index-not-concurrent", severity = Severity.ERROR, traced = TracedClaim.INDEX_BUILD,
        summary = "CREATE INDEX without CONCURRENTLY on an existing table blocks all writes for the whole build")
public final class IndexNotConcurrent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof CreateIndex ci) || ci.concurrently() || ctx.tableIsEmpty(ci.table())) return;
        Dialect dialect = Dialect.of(ctx.target());
        java.util.Optional<OnlineDdl.Verdict> online = dialect.online(ci, ctx.schema(), ctx.operations());
        if (online.isPresent()) {
            online(ci, ctx, dialect, online.get());
            return;
        }
        String name = ci.nameOrDefault();
        ctx.finding(this).table(ci.table())
                .message("CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX " + name + " on existing table "
                        + ci.table() + " without CONCURRENTLY")
                .why("A plain CREATE INDEX holds a SHARE lock on " + ci.table() + " for the whole index build: every "
                        + "INSERT, UPDATE and DELETE from the running version waits until it finishes (minutes on a big table).")
                .cure(ConcurrentIndex.of(ci, ctx))
                .report();
    }

    /** InnoDB builds secondary indexes INPLACE with concurrent DML; FULLTEXT and SPATIAL ones block writes. */
    private void online(CreateIndex ci, RuleContext ctx, Dialect ddl, OnlineDdl.Verdict verdict) {
        if (verdict.concurrentDml()) return;
        String name = ci.nameOrDefault();
        String clause = ci.origin().sql() != null ? OnlineSchemaChange.alterClause(ci.origin().sql())
                : "ADD " + ci.using() + " INDEX " + name + " (" + String.join(", ", ci.columns()) + ")";
        ctx.finding(this).table(ci.table())
                .message(ci.using() + " index " + name + " on existing table " + ci.table())
                .why("On " + ddl.engine() + " " + verdict.reason() + ": every INSERT, UPDATE and DELETE of the running "
                        + "version on " + ci.table() + " waits for the whole build (minutes on a big table).")
                .cure(OnlineSchemaChange.of(ci.table(), clause, "InnoDB has no LOCK=NONE form for a " + ci.using() + " index.", ctx.schema()))
                .report();
    }
}
