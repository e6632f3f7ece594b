package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.dialect.postgres.TableLocks.TableLock;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.SetLockTimeout;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.LockTimeout;
import io.github.hotcompat.recipe.OnlineGuard;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleInfo(id = "missing-lock-timeout", severity = Severity.WARNING, traced = TracedClaim.BLOCKING_LOCK,
        summary = "A changeset waits for ACCESS EXCLUSIVE / SHARE locks on an existing table without SET lock_timeout first")
public final class MissingLockTimeout implements Rule {
    private static final Pattern RESETS_LOCK_TIMEOUT = Pattern.compile("(?is)^\\s*RESET\\s+(lock_timeout|ALL)\\b.*");
    private static final Pattern DISABLED = Pattern.compile("(?i)'?\\s*(0+\\s*(ms|s|min)?|default)\\s*'?");

    /**
     * Locks per operation, resolved in checkOperation while the schema still knows which table a
     * dropped index belonged to; keyed by identity, so analyses on other threads do not mix.
     */
    private final Map<Operation, List<TableLock>> locks = Collections.synchronizedMap(new IdentityHashMap<>());

    /** The online-DDL verdict per operation, judged while the schema still has the column's old type. */
    private final Map<Operation, Optional<OnlineDdl.Verdict>> verdicts = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Dialect dialect = Dialect.of(ctx.target());
        List<TableLock> found = dialect.locks(op, ctx.schema());
        if (!found.isEmpty()) locks.put(op, found);
        Optional<OnlineDdl.Verdict> online = dialect.online(op, ctx.schema(), ctx.operations());
        if (online.isPresent()) verdicts.put(op, online);
    }

    @Override
    public void checkChangeSet(RuleContext ctx) {
        List<TableLock> unprotected = new ArrayList<>();
        List<Operation> waiting = new ArrayList<>();
        boolean timeoutInForce = false;
        Map<Operation, Optional<OnlineDdl.Verdict>> online = new IdentityHashMap<>();
        for (Operation op : ctx.operations()) {
            Optional<OnlineDdl.Verdict> v = verdicts.remove(op);
            online.put(op, v != null ? v : Optional.empty());
        }
        for (Operation op : ctx.operations()) {
            List<TableLock> opLocks = locks.remove(op);
            if (op instanceof SetLockTimeout s) {
                timeoutInForce = effective(s, ctx);
                continue;
            }
            if (op instanceof OtherStatement o && o.origin().fromSql() && RESETS_LOCK_TIMEOUT.matcher(o.origin().sql()).matches()) {
                timeoutInForce = false;
                continue;
            }
            if (opLocks == null || timeoutInForce) continue;
            for (TableLock l : opLocks) {
                if (l.table() == null || !ctx.tableWasNew(op, l.table())) {
                    unprotected.add(l);
                    if (!waiting.contains(op)) waiting.add(op);
                }
            }
        }
        if (unprotected.isEmpty() || ctx.target().lockTimeoutSetByConnection()) return;

        Set<String> tables = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        List<String> what = new ArrayList<>();
        for (TableLock l : unprotected) {
            if (l.table() != null) tables.add(l.table());
            modes.add(l.mode());
            String w = l.what() + " (" + l.mode() + ")";
            if (!what.contains(w)) what.add(w);
        }
        String on = tables.isEmpty() ? "an existing table" : String.join(", ", tables);
        if (ctx.target().mysqlFamily()) {
            mysql(ctx, tables, on, what, waiting, online);
            return;
        }
        ctx.finding(this).table(tables.isEmpty() ? null : tables.iterator().next())
                .message("changeset waits for " + String.join("/", modes) + " lock(s) on " + on
                        + " without SET lock_timeout first: " + String.join("; ", what.subList(0, Math.min(what.size(), 4)))
                        + (what.size() > 4 ? "; ..." : ""))
                .why("To get its lock the DDL waits behind every transaction that touches " + on + " (a long report, "
                        + "an idle-in-transaction session). While it waits in the lock queue, every query of the running "
                        + "version on " + on + " queues behind it, reads included for ACCESS EXCLUSIVE: a lock taken for a "
                        + "millisecond can stall the application for as long as the oldest transaction runs. A lock_timeout "
                        + "makes the migration give up instead, and the application keeps working.")
                .cure(LockTimeout.guarding(waiting))
                .report();
    }

    /** MySQL/MariaDB: the DDL waits for the table's metadata lock; lock_wait_timeout (seconds, default a year) bounds it. */
    private void mysql(RuleContext ctx, Set<String> tables, String on, List<String> what, List<Operation> waiting,
                       Map<Operation, Optional<OnlineDdl.Verdict>> online) {
        RuleContext.FindingBuilder finding = ctx.finding(this);
        // the statements the plan keeps carry their online guard, so the server refuses rather than copies
        Set<Object> statements = new LinkedHashSet<>();
        for (Operation op : waiting) {
            if (!statements.add(statement(op))) continue;
            List<Operation> ops = ctx.operations().stream().filter(o -> statement(o).equals(statement(op))).toList();
            OnlineGuard.of(ops, OnlineGuard.clause(ops.stream().map(online::get).toList()), ctx).ifPresent(finding::cure);
        }
        finding.table(tables.isEmpty() ? null : tables.iterator().next())
                .message("changeset waits for the exclusive metadata lock on " + on + " without SET SESSION "
                        + "lock_wait_timeout first: " + String.join("; ", what.subList(0, Math.min(what.size(), 4)))
                        + (what.size() > 4 ? "; ..." : ""))
                .why("Every ALTER TABLE, also an INSTANT or LOCK=NONE one, takes the exclusive metadata lock on " + on
                        + " at least briefly, and waits for it behind every open transaction of the running version that "
                        + "touched the table. While it waits, every new query on " + on + ", reads included, queues behind "
                        + "it; lock_wait_timeout defaults to a year (31536000 seconds), so nothing gives up. A short "
                        + "lock_wait_timeout makes the migration fail instead, and the application keeps working.")
                .cure(LockTimeout.guardingMySql(waiting))
                .report();
    }

    /** One SQL statement, or one change: the unit a guard clause is written into. */
    private static List<Object> statement(Operation op) {
        return java.util.Arrays.asList(op.origin().changeIndex(), op.origin().sql());
    }

    private static boolean effective(SetLockTimeout s, RuleContext ctx) {
        if (s.value() == null || DISABLED.matcher(s.value().strip()).matches()) return false;
        // SET LOCAL outside a transaction block is a no-op (with a warning)
        boolean local = s.origin().fromSql() && s.origin().sql().matches("(?is)^\\s*SET\\s+LOCAL\\b.*");
        return !local || ctx.changeSet().runInTransaction();
    }
}
