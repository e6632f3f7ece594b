package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.SetLockTimeout;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;
import io.github.hotcompat.rules.TableLocks.TableLock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleInfo(id = "missing-lock-timeout", severity = Severity.WARNING,
        summary = "A changeset waits for ACCESS EXCLUSIVE / SHARE locks on an existing table without SET lock_timeout first")
public final class MissingLockTimeout implements Rule {
    static final String TIMEOUT = "5s";
    static final String SET_TIMEOUT = "SET lock_timeout = '" + TIMEOUT + "'";
    private static final Pattern SETS_LOCK_TIMEOUT = Pattern.compile("(?is)^\\s*SET\\s+(SESSION\\s+|LOCAL\\s+)?lock_timeout\\b.*");
    private static final Pattern RESETS_LOCK_TIMEOUT = Pattern.compile("(?is)^\\s*RESET\\s+(lock_timeout|ALL)\\b.*");
    private static final Pattern DISABLED = Pattern.compile("(?i)'?\\s*(0+\\s*(ms|s|min)?|default)\\s*'?");

    /**
     * Locks per operation, resolved in checkOperation while the schema still knows which table a
     * dropped index belonged to; keyed by identity, so analyses on other threads do not mix.
     */
    private final Map<Operation, List<TableLock>> locks = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        List<TableLock> found = TableLocks.of(op, ctx.schema());
        if (!found.isEmpty()) locks.put(op, found);
    }

    @Override
    public void checkChangeSet(RuleContext ctx) {
        List<TableLock> unprotected = new ArrayList<>();
        boolean timeoutInForce = false;
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
                if (l.table() == null || !ctx.tableWasNew(op, l.table())) unprotected.add(l);
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
        ctx.finding(this).table(tables.isEmpty() ? null : tables.iterator().next())
                .message("changeset waits for " + String.join("/", modes) + " lock(s) on " + on
                        + " without SET lock_timeout first: " + String.join("; ", what.subList(0, Math.min(what.size(), 4)))
                        + (what.size() > 4 ? "; ..." : ""))
                .why("To get its lock the DDL waits behind every transaction that touches " + on + " (a long report, "
                        + "an idle-in-transaction session). While it waits in the lock queue, every query of the running "
                        + "version on " + on + " queues behind it, reads included for ACCESS EXCLUSIVE: a lock taken for a "
                        + "millisecond can stall the application for as long as the oldest transaction runs. A lock_timeout "
                        + "makes the migration give up instead, and the application keeps working.")
                .rewrite(rewrite(ctx))
                .report();
    }

    private static boolean effective(SetLockTimeout s, RuleContext ctx) {
        if (s.value() == null || DISABLED.matcher(s.value().strip()).matches()) return false;
        // SET LOCAL outside a transaction block is a no-op (with a warning)
        boolean local = s.origin().fromSql() && s.origin().sql().matches("(?is)^\\s*SET\\s+LOCAL\\b.*");
        return !local || ctx.changeSet().runInTransaction();
    }

    private static Rewrite rewrite(RuleContext ctx) {
        Rewrite.Builder b = Rewrite.builder();
        Optional<List<String>> statements = ChangeSetSql.all(ctx.changeSet());
        String id = ctx.changeSet().id();
        if (statements.isPresent()) {
            List<String> body = new ArrayList<>();
            body.add(SET_TIMEOUT);
            statements.get().stream().filter(s -> !SETS_LOCK_TIMEOUT.matcher(s).matches()).forEach(body::add);
            List<String> rollback = ChangeSetSql.rollback(ctx.changeSet()).map(r -> {
                List<String> out = new ArrayList<>();
                if (!r.isEmpty()) out.add(SET_TIMEOUT);
                out.addAll(r);
                return out;
            }).orElse(List.of());
            b.deploy("the same changeset with a lock timeout as its first statement");
            // the statements are already one per entry; a DO block among them must not be split again
            if (body.stream().anyMatch(ChangeSetSql::hasDollarQuote)) {
                b.unsplitChangeSet(ctx.rewriteId("lock-timeout"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        body, rollback);
            } else {
                b.changeSet(ctx.rewriteId("lock-timeout"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        body, rollback);
            }
            b.note("Equivalently, keep changeset '" + id + "' as it is and add " + SET_TIMEOUT
                            + " as its first statement (in XML/YAML/JSON: a sql change before the others).");
        } else {
            b.deploy("add " + SET_TIMEOUT + " as the first statement of changeset '" + id
                    + "' (in XML/YAML/JSON: a sql change before its other changes)");
        }
        return b.note("If the lock is not granted within " + TIMEOUT + ", the statement fails with 'canceling statement due "
                        + "to lock timeout' (SQLSTATE 55P03), the changeset rolls back and is not recorded: deploy again "
                        + "later, or retry the update in the deploy script.")
                .note("A SET in a Liquibase sql change applies to the database session: it stays in force for the "
                        + "changesets after it in the same update (SET LOCAL limits it to the changeset's transaction, "
                        + "and does nothing in a runInTransaction=\"false\" changeset).")
                .note("If the deploy already sets lock_timeout on the connection (e.g. options=-c%20lock_timeout=5s in "
                        + "the JDBC URL, or ALTER ROLE ... SET lock_timeout), set <lockTimeoutSetByConnection>true"
                        + "</lockTimeoutSetByConnection> and this rule is off.")
                .build();
    }
}
