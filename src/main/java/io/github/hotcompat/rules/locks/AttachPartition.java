package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.PartitionBy;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.PartitionCheck;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "attach-partition", severity = Severity.ERROR, traced = TracedClaim.SCAN,
        summary = "ATTACH PARTITION of an existing table scans it under ACCESS EXCLUSIVE unless a validated CHECK implies the bound")
public final class AttachPartition implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.AttachPartition a) || a.partition() == null || ctx.tableIsEmpty(a.partition())) return;
        PartitionBy key = ctx.schema().table(a.parent()).flatMap(Schema.Table::partitionBy).orElse(null);
        if (key != null && PartitionCheck.impliedByValidatedCheck(ctx.schema(), a.partition(), key, a.bound())) return;
        String p = a.partition();
        ctx.finding(this).table(p)
                .message("ALTER TABLE " + a.parent() + " ATTACH PARTITION " + p + " " + a.bound()
                        + ": existing table " + p + " is scanned under ACCESS EXCLUSIVE")
                .why("ATTACH PARTITION takes an ACCESS EXCLUSIVE lock on " + p + " and reads every row of it to prove "
                        + "each one fits the bound, since no validated CHECK on " + p + " implies it"
                        + (key == null ? " (hotcompat does not know the partition key of " + a.parent() + ")" : "")
                        + ": the running version's reads and writes of " + p + " wait for the whole scan.")
                .cure(PartitionCheck.attach(a, key, ctx))
                .report();
    }
}
