package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.extract.Operation.Reindex;
import io.github.hotcompat.extract.Operation.SetLockTimeout;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.IndexStatements;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;

@RuleInfo(id = "concurrent-index-in-transaction", severity = Severity.ERROR,
        summary = "CONCURRENTLY index statements fail inside a transaction or in one batch with other statements")
public final class ConcurrentIndexInTransaction implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        String statement;
        String rollback = null;
        String table = op.table();
        if (op instanceof CreateIndex ci && ci.concurrently()) {
            statement = IndexStatements.createConcurrently(ci);
            rollback = IndexStatements.dropConcurrently(IndexStatements.indexName(ci));
        } else if (op instanceof DropIndex di && di.concurrently()) {
            statement = IndexStatements.dropConcurrently(di.index());
            table = ctx.schema().index(di.index()).map(i -> i.table()).orElse(null);
        } else if (op instanceof Reindex ri && ri.concurrently()) {
            statement = op.origin().sql();
        } else {
            return;
        }
        boolean inTransaction = ctx.changeSet().runInTransaction();
        int batch = op.origin().batchSize();
        if (!inTransaction && batch <= 1) return;
        long others = ctx.operations().stream()
                .filter(o -> o != op && !(o instanceof SetLockTimeout))
                .count();
        String problem = inTransaction
                ? "runs inside the changeset's transaction (Liquibase's default runInTransaction=\"true\")"
                : "is sent in one batch with " + (batch - 1) + " other statement(s) (splitStatements=\"false\")";
        List<String> rollbacks = rollback == null ? List.of() : List.of(rollback);
        ctx.finding(this).table(table)
                .message(firstWords(statement) + " " + problem)
                .why("PostgreSQL refuses CONCURRENTLY inside a transaction block (\"cannot run inside a transaction "
                        + "block\"), and several statements sent in one execute call run as one implicit transaction "
                        + "block: the deploy fails at this changeset.")
                .rewrite(Plan.builder()
                        .deploy("the same statement alone in a changeset that runs outside a transaction")
                        .changeSet(ctx.rewriteId("concurrently"), ctx.changeSet().author(), false, List.of(statement), rollbacks)
                        .note(others > 0 ? "The other statements of changeset '" + ctx.changeSet().id()
                                + "' stay in changesets of their own, around it." : "Nothing else changes.")
                        .build())
                .report();
    }

    private static String firstWords(String sql) {
        String[] words = sql.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 5)));
    }
}
