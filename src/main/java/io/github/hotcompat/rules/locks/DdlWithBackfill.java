package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.dialect.postgres.TableLocks.TableLock;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.extract.Operation.RenameTable;
import io.github.hotcompat.extract.Operation.SetNotNull;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.recipe.DmlAfterDdl;
import io.github.hotcompat.recipe.NotNullViaCheck;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@RuleInfo(id = "ddl-with-backfill", severity = Severity.WARNING, traced = TracedClaim.BLOCKING_LOCK,
        summary = "A changeset changes a table's schema and updates or deletes its rows in the same transaction")
public final class DdlWithBackfill implements Rule {
    @Override
    public void checkChangeSet(RuleContext ctx) {
        Map<String, String> canonical = new HashMap<>();
        Map<String, Operation> ddlOn = new LinkedHashMap<>();
        Map<String, List<Operation>> backfillOn = new LinkedHashMap<>();
        List<Operation> ops = ctx.operations();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if (op instanceof DataChange d && d.kind() != DataKind.INSERT && !d.truncate()) {
                if (!ctx.tableWasNew(op, d.table()) && !matchesNoRow(d, ops.subList(i + 1, ops.size()), ctx)) {
                    backfillOn.computeIfAbsent(key(canonical, d.table()), k -> new ArrayList<>()).add(op);
                }
                continue;
            }
            if (op instanceof SetNotNull s && s.defaultNullValue() != null && !ctx.tableWasNew(op, s.table())) {
                backfillOn.computeIfAbsent(key(canonical, s.table()), k -> new ArrayList<>()).add(op);
            }
            // an explicit LOCK TABLE is no schema change: it is there to cover the DML, which must not move away from it
            if (op instanceof Operation.LockTable) continue;
            for (TableLock l : TableLocks.of(op, ctx.schema())) {
                if (l.table() != null && !ctx.tableWasNew(op, l.table())) ddlOn.putIfAbsent(key(canonical, l.table()), op);
            }
            if (op instanceof RenameTable r) {
                canonical.put(r.newName().toLowerCase(Locale.ROOT), key(canonical, r.table()));
            }
        }
        for (Map.Entry<String, List<Operation>> e : backfillOn.entrySet()) {
            Operation ddl = ddlOn.get(e.getKey());
            if (ddl == null) continue;
            Operation backfill = e.getValue().get(0);
            String table = backfill.table();
            boolean notNullDefault = backfill instanceof SetNotNull;
            String what = notNullDefault
                    ? "addNotNullConstraint with defaultNullValue on " + table + "." + ((SetNotNull) backfill).column()
                    + " (an UPDATE of every NULL row, then SET NOT NULL)"
                    : ((DataChange) backfill).kind() + " of " + table + " together with " + describe(ddl, ctx);
            boolean tx = ctx.changeSet().runInTransaction();
            RuleContext.FindingBuilder finding = ctx.finding(this).table(table);
            // only the DML is written anew: the DDL stays where the planner keeps it, for the other findings to cure
            for (Operation dml : e.getValue()) {
                finding.cure(dml instanceof SetNotNull s ? NotNullViaCheck.of(s, ctx) : DmlAfterDdl.of((DataChange) dml, ctx));
            }
            finding
                    .message("changeset changes the schema of " + table + " and backfills its rows: " + what)
                    .why(tx
                            ? "The changeset is one transaction: the table lock its DDL takes (ACCESS EXCLUSIVE or a "
                            + "write-blocking SHARE mode) is held until the UPDATE/DELETE of the rows has finished and "
                            + "committed, so the running version's queries on " + table + " wait for the whole backfill; "
                            + "the backfill's row locks and dead rows also pile up in one long transaction."
                            : "With runInTransaction=\"false\" each statement commits on its own, but the backfill is still "
                            + "one statement over the whole table (row locks on every row it touches until it ends), and a "
                            + "failure between the DDL and the backfill leaves the changeset half applied and unrecorded, "
                            + "so the next deploy repeats the DDL.")
                    .report();
        }
    }

    /**
     * An UPDATE/DELETE bounded by {@code c IS NULL} on a column that is NOT NULL when it runs touches no
     * row: no backfill. The schema here is the one after the changeset, so the column must also not
     * become NOT NULL (or appear) only after the statement.
     */
    private static boolean matchesNoRow(DataChange d, List<Operation> later, RuleContext ctx) {
        String column = Backfills.notNullColumnTestedForNull(d, ctx.schema());
        if (column == null) return false;
        return later.stream().noneMatch(op -> op instanceof RenameTable || op instanceof Operation.CreateTable
                || column.equalsIgnoreCase(touchedColumn(op)) && d.table().equalsIgnoreCase(op.table()));
    }

    /** The column whose existence or nullability an operation changes, else null. */
    private static String touchedColumn(Operation op) {
        if (op instanceof SetNotNull o) return o.column();
        if (op instanceof Operation.DropNotNull o) return o.column();
        if (op instanceof Operation.AddColumn o) return o.column().name();
        if (op instanceof Operation.RenameColumn o) return o.newName();
        return null;
    }

    private static String describe(Operation ddl, RuleContext ctx) {
        List<TableLock> locks = TableLocks.of(ddl, ctx.schema());
        return locks.isEmpty() ? ddl.getClass().getSimpleName() : locks.get(0).what() + " (" + locks.get(0).mode() + ")";
    }

    private static String key(Map<String, String> canonical, String table) {
        String k = table.toLowerCase(Locale.ROOT);
        return canonical.getOrDefault(k, k);
    }
}
