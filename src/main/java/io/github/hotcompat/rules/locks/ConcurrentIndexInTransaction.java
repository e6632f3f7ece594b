package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.extract.Operation.Reindex;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.ConcurrentIndex;
import io.github.hotcompat.recipe.ConcurrentIndexDrop;
import io.github.hotcompat.recipe.OutsideTransaction;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "concurrent-index-in-transaction", severity = Severity.ERROR, traced = TracedClaim.FAILS,
        summary = "CONCURRENTLY index statements fail inside a transaction or in one batch with other statements")
public final class ConcurrentIndexInTransaction implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Recipe cure;
        String statement;
        String table = op.table();
        if (op instanceof CreateIndex ci && ci.concurrently()) {
            cure = ConcurrentIndex.of(ci, ctx);
            statement = "CREATE " + (ci.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + ci.nameOrDefault();
        } else if (op instanceof DropIndex di && di.concurrently()) {
            cure = ConcurrentIndexDrop.of(di, ctx);
            statement = "DROP INDEX CONCURRENTLY " + di.index();
            if (table == null) table = ctx.schema().index(di.index()).map(i -> i.table()).orElse(null);
        } else if (op instanceof Reindex ri && ri.concurrently() && op.origin().fromSql()) {
            cure = OutsideTransaction.of(op, ctx);
            statement = firstWords(op.origin().sql());
        } else {
            return;
        }
        boolean inTransaction = ctx.changeSet().runInTransaction();
        int batch = op.origin().batchSize();
        // pgjdbc sends a batch as one pipeline: PostgreSQL refuses CONCURRENTLY only after another statement of the
        // pipeline ran, so the batch's first statement runs (seen by hotcompat:trace, TracedClaimsTest)
        if (!inTransaction && (batch <= 1 || op.origin().batchPosition() == 0)) return;
        String problem = inTransaction
                ? "runs inside the changeset's transaction (Liquibase's default runInTransaction=\"true\")"
                : "follows " + op.origin().batchPosition() + " other statement(s) in one batch (splitStatements=\"false\")";
        ctx.finding(this).table(table)
                .message(statement + " " + problem)
                .why(inTransaction
                        ? "PostgreSQL refuses CONCURRENTLY inside a transaction block (\"cannot run inside a transaction "
                                + "block\"): the deploy fails at this changeset."
                        : "Liquibase sends an unsplit sql change in one execute call, which pgjdbc sends as one pipeline; "
                                + "PostgreSQL refuses CONCURRENTLY once an earlier statement of the pipeline ran (\"cannot be "
                                + "executed within a pipeline\"): the deploy fails at this changeset.")
                .cure(cure)
                .report();
    }

    private static String firstWords(String sql) {
        String[] words = sql.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 5)));
    }
}
