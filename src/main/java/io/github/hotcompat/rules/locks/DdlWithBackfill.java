package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.dialect.postgres.TableLocks.TableLock;
import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.extract.ChangeSetSql.ChangeStatements;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.extract.Operation.RenameTable;
import io.github.hotcompat.extract.Operation.SetNotNull;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleInfo(id = "ddl-with-backfill", severity = Severity.WARNING,
        summary = "A changeset changes a table's schema and updates or deletes its rows in the same transaction")
public final class DdlWithBackfill implements Rule {
    private static final Pattern DML_TABLE = Pattern.compile(
            "(?is)^\\s*(?:UPDATE|DELETE\\s+FROM)\\s+(?:ONLY\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$.]+)");

    @Override
    public void checkChangeSet(RuleContext ctx) {
        Map<String, String> canonical = new HashMap<>();
        Map<String, Operation> ddlOn = new LinkedHashMap<>();
        Map<String, Operation> backfillOn = new LinkedHashMap<>();
        List<Operation> ops = ctx.operations();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if (op instanceof DataChange d && d.kind() != DataKind.INSERT && !d.truncate()) {
                if (!ctx.tableWasNew(op, d.table()) && !matchesNoRow(d, ops.subList(i + 1, ops.size()), ctx)) {
                    backfillOn.putIfAbsent(key(canonical, d.table()), op);
                }
                continue;
            }
            if (op instanceof SetNotNull s && s.defaultNullValue() != null && !ctx.tableWasNew(op, s.table())) {
                backfillOn.putIfAbsent(key(canonical, s.table()), op);
            }
            for (TableLock l : TableLocks.of(op, ctx.schema())) {
                if (l.table() != null && !ctx.tableWasNew(op, l.table())) ddlOn.putIfAbsent(key(canonical, l.table()), op);
            }
            if (op instanceof RenameTable r) {
                canonical.put(r.newName().toLowerCase(Locale.ROOT), key(canonical, r.table()));
            }
        }
        for (Map.Entry<String, Operation> e : backfillOn.entrySet()) {
            Operation ddl = ddlOn.get(e.getKey());
            if (ddl == null) continue;
            Operation backfill = e.getValue();
            String table = backfill.table();
            boolean notNullDefault = backfill instanceof SetNotNull;
            String what = notNullDefault
                    ? "addNotNullConstraint with defaultNullValue on " + table + "." + ((SetNotNull) backfill).column()
                    + " (an UPDATE of every NULL row, then SET NOT NULL)"
                    : ((DataChange) backfill).kind() + " of " + table + " together with " + describe(ddl, ctx);
            boolean tx = ctx.changeSet().runInTransaction();
            ctx.finding(this).table(table)
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
                    .rewrite(rewrite(ctx, e.getKey(), canonical))
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

    private Plan rewrite(RuleContext ctx, String tableKey, Map<String, String> canonical) {
        List<String> before = new ArrayList<>(), backfills = new ArrayList<>(), after = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        String table = null;
        boolean unknown = false;
        for (ChangeStatements c : ChangeSetSql.of(ctx.changeSet())) {
            if (!c.known()) {
                unknown = true;
                continue;
            }
            for (String s : c.statements()) {
                Matcher m = DML_TABLE.matcher(s);
                if (m.find() && key(canonical, unquote(m.group(1))).equals(tableKey)) {
                    table = unquote(m.group(1));
                    backfills.add(s);
                } else if ("loadUpdateData".equals(c.changeType())) {
                    kept.add(s);
                } else {
                    (backfills.isEmpty() ? before : after).add(s);
                }
            }
        }
        Plan.Builder b = Plan.builder();
        if (unknown || backfills.isEmpty()) {
            return b.deploy("move the UPDATE/DELETE of " + tableKey + " out of changeset '" + ctx.changeSet().id()
                            + "' into a changeset of its own with runInTransaction=\"false\", run in key-range batches")
                    .note("hotcompat could not write the statements of every change of this changeset as SQL, so the "
                            + "rewrite is described instead of written out.")
                    .build();
        }
        List<String> loops = new ArrayList<>();
        for (String s : backfills) loops.add(Backfills.batchedLoop(s, ctx.schema(), table, false));
        b.deploy("the schema change alone, then the backfill in batches outside its transaction"
                + (after.isEmpty() ? "" : ", then the schema changes that came after it"));
        String author = ctx.changeSet().author();
        if (!before.isEmpty()) b.changeSet(ctx.rewriteId("ddl"), author, ctx.changeSet().runInTransaction(), before, List.of());
        b.unsplitChangeSet(ctx.rewriteId("backfill"), author, false, loops, List.of());
        if (!kept.isEmpty()) b.changeSet(ctx.rewriteId("data"), author, true, kept, List.of());
        if (!after.isEmpty()) b.changeSet(ctx.rewriteId("ddl-after"), author, ctx.changeSet().runInTransaction(), after, List.of());
        b.note("The backfill changeset runs outside a transaction (runInTransaction=\"false\") and as one statement "
                + "(splitStatements=\"false\"), so the DO block may COMMIT after each batch of " + Backfills.BATCH
                + " rows (PostgreSQL 11+). The DDL changesets keep their short lock only for the DDL itself.");
        String walkNote = Backfills.walkNote(ctx.schema(), table);
        if (walkNote != null) b.note(walkNote);
        if (after.stream().anyMatch(s -> s.toUpperCase(Locale.ROOT).contains("SET NOT NULL"))) {
            b.note("SET NOT NULL still scans " + table + " under ACCESS EXCLUSIVE; see set-not-null for the "
                    + "CHECK ... NOT VALID / VALIDATE CONSTRAINT route.");
        }
        Backfills.tradeOffNotes().forEach(b::note);
        return b.build();
    }

    private static String unquote(String name) {
        String s = name.strip();
        int dot = s.lastIndexOf('.');
        if (dot >= 0 && !s.endsWith("\"")) s = s.substring(dot + 1);
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() > 1) return s.substring(1, s.length() - 1);
        return s.toLowerCase(Locale.ROOT);
    }
}
