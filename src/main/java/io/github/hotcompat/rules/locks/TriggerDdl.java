package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.SetLockTimeout;
import io.github.hotcompat.extract.Operation.TriggerAction;
import io.github.hotcompat.extract.Operation.TriggerChange;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.recipe.LockTimeout;
import io.github.hotcompat.recipe.OwnChangeSet;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Locale;

@RuleInfo(id = "trigger-ddl", severity = Severity.WARNING, traced = TracedClaim.BLOCKING_LOCK,
        summary = "CREATE/DROP TRIGGER or ENABLE/DISABLE TRIGGER on an existing table: a lock that blocks its writes (or all access)")
public final class TriggerDdl implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof TriggerChange t) || t.table() == null || !t.origin().fromSql() || ctx.tableIsEmpty(t.table())) return;
        String table = t.table();
        boolean all = t.action() == TriggerAction.DISABLE && t.trigger().equals("ALL");
        List<Operation> group = adjacentTriggers(t, ctx);
        boolean alone = ctx.operations().stream().allMatch(o -> group.contains(o) || o instanceof SetLockTimeout)
                || columnSwap(t, group, ctx);
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
        // Split from a DISABLE, the running version would write while the trigger is off: the lock is what prevents it.
        boolean movable = !alone && ctx.operations().stream().noneMatch(o -> o instanceof TriggerChange d
                && d.action() == TriggerAction.DISABLE && table.equalsIgnoreCase(d.table()));
        // moved into a changeset of its own, the trigger leaves the changeset's SET lock_timeout behind
        if (movable || !guarded) finding.cure(LockTimeout.guarding(List.of(t)));
        if (movable) {
            Operation first = group.get(0);
            String name = first instanceof TriggerChange f ? f.trigger() : t.trigger();
            String what = group.size() == 1 ? "the trigger statement" : "the trigger statements on " + table;
            // a DROP and CREATE of the same trigger stay together: between them the table would have none
            finding.cure(OwnChangeSet.of(group, ctx, "trigger-" + name.toLowerCase(Locale.ROOT),
                    ctx.changeSet().runInTransaction(), true,
                    what + " alone in a changeset, so the " + mode + " lock on " + table + " lasts for that only",
                    "The trigger statement runs in its own transaction: the lock on " + table + " is not held while the "
                            + "changeset's other statements run."));
        } else if (!alone) {
            finding.cure(Advice.of("trigger-ddl:disabled-together:" + table,
                    "The changeset disables a trigger of " + table + " and does more in the same transaction: keep them "
                            + "together (apart, the running version would write while the trigger is off) and keep the "
                            + "work between DISABLE and ENABLE short, since " + table + "'s writes wait for all of it; "
                            + "or do the work with the trigger in place."));
        }
        if (all) {
            finding.cure(Advice.of("trigger-ddl:disable-all:" + table,
                    "Never disable foreign-key triggers in a migration: name the user triggers to disable ("
                            + "ALTER TABLE " + table + " DISABLE TRIGGER <name>, or DISABLE TRIGGER USER), or do the "
                            + "work the triggers would stop with them in place."));
        }
        finding.report();
    }

    /**
     * A DROP TRIGGER in a column swap (the change-column-type plan's last step): renames on the trigger's table
     * whose old names come back in the changeset take ACCESS EXCLUSIVE on it anyway, and every other statement is a
     * catalog change on that table with no scan, so the trigger's lock adds no wait; and it must commit with the swap,
     * or the writes between the two would not reach the new column.
     */
    private static boolean columnSwap(TriggerChange t, List<Operation> group, RuleContext ctx) {
        if (t.action() != TriggerAction.DROP) return false;
        String table = t.table();
        boolean swaps = ctx.operations().stream().anyMatch(o -> o instanceof Operation.RenameColumn r
                && table.equalsIgnoreCase(r.table()) && ctx.columnComesBack(o, table, r.column()));
        return swaps && ctx.operations().stream().allMatch(o -> group.contains(o) || o instanceof SetLockTimeout
                || o instanceof Operation.DropFunction || o instanceof Operation.OtherStatement
                || table.equalsIgnoreCase(o.table()) && catalogOnly(o));
    }

    /** A change of the table's catalog only: no scan, no rewrite (a key added on an index it already has). */
    private static boolean catalogOnly(Operation o) {
        return o instanceof Operation.RenameColumn || o instanceof Operation.DropNotNull || o instanceof Operation.SetDefault
                || o instanceof Operation.DropDefault || o instanceof Operation.DropConstraint
                || o instanceof Operation.AddConstraint a && a.usingIndex() != null;
    }

    private static boolean timeoutBefore(Operation op, RuleContext ctx) {
        for (Operation o : ctx.operations()) {
            if (o == op) return false;
            if (o instanceof SetLockTimeout s && s.value() != null && !s.value().matches("'?\\s*0+\\s*(ms|s)?\\s*'?")) return true;
        }
        return false;
    }

    /** The run of consecutive trigger statements on the same table around {@code t} (DROP ... IF EXISTS, then CREATE). */
    private static List<Operation> adjacentTriggers(TriggerChange t, RuleContext ctx) {
        List<Operation> ops = ctx.operations();
        int at = 0;
        while (ops.get(at) != t) at++;
        int from = at, to = at;
        while (from > 0 && sameTable(ops.get(from - 1), t)) from--;
        while (to + 1 < ops.size() && sameTable(ops.get(to + 1), t)) to++;
        return List.copyOf(ops.subList(from, to + 1));
    }

    private static boolean sameTable(Operation o, TriggerChange t) {
        return o instanceof TriggerChange other && other.origin().fromSql() && t.table().equalsIgnoreCase(other.table());
    }
}
