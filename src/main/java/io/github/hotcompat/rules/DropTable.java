package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;

import java.util.List;

@RuleInfo(id = "drop-table", severity = Severity.WARNING,
        summary = "Dropping an existing table breaks the running version if it still uses it")
public final class DropTable implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.DropTable dt) || ctx.schema().isNewTable(dt.table())) return;
        String table = dt.table();
        Rewrite rewrite = Rewrite.builder()
                .deploy("stop using the table")
                .code("Ship code that neither reads nor writes " + table
                        + " (JPA: delete its entity and every association to it; remove it from native queries).")
                .deploy("drop the table once no running version uses it")
                .changeSet(ctx.rewriteId(table + "-drop"), ctx.changeSet().author(), true,
                        List.of("DROP TABLE " + table), List.of())
                .note("Ship deploy 2 only when the version of deploy 1 runs everywhere; this rule cannot see that, so "
                        + "suppress it on the drop changeset with the reason, e.g. 'hotcompat:ignore drop-table -- "
                        + "unused since release N'.")
                .note("Foreign keys of other tables that reference " + table + " must be dropped first (in deploy 2, "
                        + "before the DROP TABLE).")
                .build();
        ctx.finding(this).table(table)
                .message("existing table " + table + " dropped")
                .why("During a rolling deploy the previous version is still running and may query " + table
                        + ": its statements fail with 'relation \"" + table + "\" does not exist' from the moment the "
                        + "drop commits. DROP TABLE also waits for ACCESS EXCLUSIVE behind every open transaction on it.")
                .rewrite(rewrite)
                .report();
    }
}
