package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DetachPartition;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.OutsideTransaction;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(id = "detach-partition-not-concurrent", severity = Severity.WARNING, traced = TracedClaim.ACCESS_EXCLUSIVE,
        summary = "DETACH PARTITION without CONCURRENTLY holds ACCESS EXCLUSIVE on the partitioned table")
public final class DetachPartitionNotConcurrent implements Rule {
    private static final Pattern DETACHED = Pattern.compile(
            "(?is)^(.*\\bDETACH\\s+PARTITION\\s+(?:\"(?:[^\"]|\"\")+\"|[\\w$.]+))\\s*$");

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof DetachPartition d) || d.concurrently() || d.finalizing() || d.parent() == null
                || ctx.tableIsEmpty(d.parent())) return;
        Boolean pg14 = ctx.target().atLeast(14);
        String statement = "ALTER TABLE " + d.parent() + " DETACH PARTITION " + d.partition();
        var finding = ctx.finding(this).table(d.parent())
                .message(statement + " without CONCURRENTLY: ACCESS EXCLUSIVE on partitioned table " + d.parent())
                .why("A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + d.parent() + " (and on " + d.partition()
                        + "): while it waits for the running version's open queries on any partition of " + d.parent()
                        + ", every new read and write of " + d.parent() + " queues behind it."
                        + (Boolean.FALSE.equals(pg14) ? " Before PostgreSQL 14 there is no CONCURRENTLY form." : ""));
        if (Boolean.FALSE.equals(pg14)) {
            // no alternative before 14: say what keeps the lock short, and only inform
            finding.severity(Severity.INFO).cure(Advice.of("detach-partition:" + d.partition(),
                    "No online form before PostgreSQL 14: keep the DETACH alone in its changeset behind a lock timeout "
                            + "(SET lock_timeout), so it gives up instead of queueing the application behind it."));
        } else {
            finding.cure(concurrently(d, ctx));
        }
        finding.report();
    }

    private static Recipe concurrently(DetachPartition d, RuleContext ctx) {
        Matcher m = d.origin().fromSql() ? DETACHED.matcher(d.origin().sql().strip()) : null;
        String statement = m != null && m.matches() ? m.group(1) + " CONCURRENTLY"
                : "ALTER TABLE " + d.parent() + " DETACH PARTITION " + d.partition() + " CONCURRENTLY";
        // CONCURRENTLY leaves a CHECK copying the partition constraint on the detached table, which a plain
        // DETACH does not: drop it, as PostgreSQL names it (<table>_<first key column>_check), to end where the
        // original ends; with the key unknown, say so instead
        String column = ctx.schema().table(d.parent()).flatMap(Schema.Table::partitionBy)
                .filter(p -> p.key().size() == 1 && p.key().get(0).matches("[a-z_][a-z0-9_$]*"))
                .map(p -> p.key().get(0)).orElse(null);
        String generated = column == null ? null : ConstraintStatements.generatedName(d.partition(), List.of(column), "check");
        // a check of that name already there is the user's: PostgreSQL then names its copy otherwise
        boolean taken = generated != null && ctx.schema().table(d.partition()).flatMap(t -> t.constraint(generated)).isPresent();
        String check = taken ? null : generated;
        List<Plan.PlanChangeSet> after = check == null ? List.of() : List.of(new Plan.PlanChangeSet(
                ctx.rewriteId("drop-bound-check"), ctx.changeSet().author(), true,
                List.of("ALTER TABLE " + d.partition() + " DROP CONSTRAINT IF EXISTS " + check), List.of(), null).locking());
        String checkNote = check != null
                ? "CONCURRENTLY adds to " + d.partition() + " a CHECK that copies its partition constraint (" + check
                + "); the last changeset drops it, as a plain DETACH leaves none. Keep it instead if the table is to be "
                + "attached again: it spares that ATTACH its scan."
                : "CONCURRENTLY adds to " + d.partition() + " a CHECK that copies its partition constraint, which a plain "
                + "DETACH does not: drop it if the table is not to be attached again.";
        Recipe r = OutsideTransaction.rewritten(d, statement,
                "DETACH PARTITION ... CONCURRENTLY alone in a changeset that runs outside a transaction", after, ctx,
                "DETACH ... CONCURRENTLY (PostgreSQL 14+) takes SHARE UPDATE EXCLUSIVE on " + d.parent() + " and "
                        + d.partition() + ": reads and writes go on; it waits for the queries that use the partition "
                        + "to end, and it cannot run inside a transaction block (runInTransaction=\"false\").",
                "It is refused when " + d.parent() + " has a DEFAULT partition. If it is interrupted, the partition "
                        + "stays 'detach pending': finish with ALTER TABLE " + d.parent() + " DETACH PARTITION "
                        + d.partition() + " FINALIZE.",
                checkNote);
        return new Recipe(r.key(), r.rank(), r.replaces(), r.anchor(), r.deploys(), r.notes(), r.properties(), r.guards(),
                r.guarded(), ctx.target().version() == null ? Integer.valueOf(14) : r.assumesVersion());
    }
}
