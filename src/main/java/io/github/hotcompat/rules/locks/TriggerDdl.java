package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.SetLockTimeout;
import io.github.hotcompat.extract.Operation.TriggerAction;
import io.github.hotcompat.extract.Operation.TriggerChange;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.recipe.LockTimeout;
import io.github.hotcompat.recipe.OwnChangeSet;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Locale;

@RuleInfo(id = "trigger-ddl", severity = Severity.WARNING,
        summary = "CREATE/DROP TRIGGER or ENABLE/DISABLE TRIGGER on an existing table: a lock that blocks its writes (or all access)")
public final class TriggerDdl implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof TriggerChange t) || t.table() == null || !t.origin().fromSql() || ctx.tableIsEmpty(t.table())) return;
        String table = t.table();
        boolean all = t.action() == TriggerAction.DISABLE && t.trigger().equals("ALL");
        boolean alone = !doesMore(t, ctx);
        boolean guarded = ctx.target().lockTimeoutSetByConnection() || timeoutBefore(t, ctx);
        // the spec's own form (a lock timeout, the trigger alone) is what the plan writes: it must pass
        if (alone && guarded && !all) return;
        String mode = TableLocks.of(t, ctx.schema()).get(0).mode();
        String statement = t.origin().sql().strip().lines().findFirst().orElse("");
        String verb = switch (t.action()) {
            case CREATE -> "CREATE TRIGGER";
            case DROP -> "DROP TRIGGER";
            default -> "ALTER TABLE ... " + t.action() + " TRIGGER";
        };
        StringBuilder why = new StringBuilder(verb)
                .append(" takes a ").append(mode).append(" lock on ").append(table).append(mode.equals(TableLocks.ACCESS_EXCLUSIVE)
                        ? ": the running version's reads and writes on " : ": the running version's INSERTs, UPDATEs and DELETEs on ")
                .append(table).append(" wait while the migration waits for it behind every open transaction on ").append(table)
                .append(", and until the changeset commits.");
        if (all) {
            why.append(" DISABLE TRIGGER ALL also disables the internal triggers that enforce foreign keys: while it is in "
                    + "force the running version can write rows of ").append(table).append(" that reference nothing, or "
                    + "delete rows others reference, and nothing checks them again when the triggers come back.");
        }
        var finding = ctx.finding(this).table(table)
                .message(t.action().name().toLowerCase(Locale.ROOT) + " trigger " + t.trigger() + " on existing table "
                        + table + ": " + statement)
                .why(why.toString());
        // moved into a changeset of its own, the trigger leaves the changeset's SET lock_timeout behind
        if (!alone || !guarded) finding.cure(LockTimeout.guarding(List.of(t)));
        if (!alone) {
            finding.cure(OwnChangeSet.of(t, ctx, "trigger-" + t.trigger().toLowerCase(Locale.ROOT), ctx.changeSet().runInTransaction(),
                    true, "the trigger statement alone in a changeset, so its " + mode + " lock on " + table
                            + " lasts for that statement only",
                    "The trigger statement runs in its own transaction: the lock on " + table + " is not held while the "
                            + "changeset's other statements run."));
        }
        if (all) {
            finding.cure(Advice.of("trigger-ddl:disable-all:" + table,
                    "Never disable foreign-key triggers in a migration: name the user triggers to disable ("
                            + "ALTER TABLE " + table + " DISABLE TRIGGER <name>, or DISABLE TRIGGER USER), or do the "
                            + "work the triggers would stop with them in place."));
        }
        finding.report();
    }

    private static boolean timeoutBefore(Operation op, RuleContext ctx) {
        for (Operation o : ctx.operations()) {
            if (o == op) return false;
            if (o instanceof SetLockTimeout s && s.value() != null && !s.value().matches("'?\\s*0+\\s*(ms|s)?\\s*'?")) return true;
        }
        return false;
    }

    /** Whether the changeset runs more than the trigger statement and its lock timeout. */
    private static boolean doesMore(Operation op, RuleContext ctx) {
        return ctx.operations().stream().anyMatch(o -> o != op && !(o instanceof SetLockTimeout));
    }
}
