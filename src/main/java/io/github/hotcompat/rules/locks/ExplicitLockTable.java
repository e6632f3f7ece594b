package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.LockTable;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Set;

@RuleInfo(id = "explicit-lock-table", severity = Severity.ERROR, traced = TracedClaim.BLOCKING_LOCK,
        summary = "LOCK TABLE in SHARE mode or stronger blocks the running version's writes (or reads) until the changeset commits")
public final class ExplicitLockTable implements Rule {
    /** The modes that conflict with ROW EXCLUSIVE (INSERT, UPDATE, DELETE); ACCESS EXCLUSIVE also with reads. */
    private static final Set<String> BLOCKING = Set.of("SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof LockTable l) || !BLOCKING.contains(l.mode())) return;
        List<String> tables = l.tables().stream().filter(t -> !ctx.tableIsEmpty(t)).toList();
        if (tables.isEmpty()) return;
        String on = String.join(", ", tables);
        boolean reads = l.mode().equals("ACCESS EXCLUSIVE");
        ctx.finding(this).table(tables.get(0))
                .message("LOCK TABLE " + on + " IN " + l.mode() + " MODE" + (l.nowait() ? " NOWAIT" : "")
                        + " on existing table" + (tables.size() > 1 ? "s " : " ") + on)
                .why("The lock is held until the changeset's transaction ends: for that whole time the running "
                        + "version's " + (reads ? "reads and writes" : "INSERTs, UPDATEs and DELETEs") + " on " + on
                        + " wait" + (reads ? "" : " (its reads still run)") + ". "
                        + (l.nowait() ? "NOWAIT only makes the LOCK fail at once instead of queueing; once granted, "
                                + "the lock is held just as long."
                                : "Before it is granted it queues behind every open transaction on " + on
                                        + ", and the application's queries queue behind it."))
                // which statements the lock protects is the author's knowledge: no mechanical rewrite
                .cure(Advice.of("explicit-lock-table:" + on + ":" + l.mode(),
                        "Drop the LOCK TABLE: every DDL statement takes the lock it needs itself, for as long as it "
                                + "needs it; an explicit lock only makes the application wait longer.",
                        "If the changeset does need it (to keep writers out of " + on + " while it reads and changes "
                                + "rows consistently), take the weakest mode that does (SHARE keeps writers out and "
                                + "lets readers in), put SET lock_timeout first (missing-lock-timeout writes it) and "
                                + "keep the changeset to that one short statement after the lock."))
                .report();
    }
}
