package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.RewriteTable;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "vacuum-full-or-cluster", severity = Severity.ERROR, traced = TracedClaim.REWRITE,
        summary = "VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE: its reads and writes wait for the whole rewrite")
public final class VacuumFullOrCluster implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof RewriteTable r) || (r.table() != null && ctx.tableIsEmpty(r.table()))) return;
        boolean cluster = r.command().equals("CLUSTER");
        String table = r.table();
        // without a table the statement rewrites tables the changelog may not even know
        String what = table != null ? "existing table " + table
                : cluster ? "every table clustered before" : "every table of the database";
        String it = table != null ? table : "each table";
        ctx.finding(this).table(table)
                .message(r.command() + " rewrites " + what + " under ACCESS EXCLUSIVE")
                .why(r.command() + " writes a new copy of " + it + (cluster ? " in index order" : "")
                        + " and holds an ACCESS EXCLUSIVE lock until the copy is done: every query of the running "
                        + "version on " + it + ", SELECTs included, waits for the whole rewrite, minutes on a large "
                        + "table. Nothing in a schema migration needs it.")
                // maintenance, not a schema change: the rewrite is to take it out of the deploy
                .cure(Advice.of("vacuum-full-or-cluster:" + (table == null ? r.command() : table),
                        "Remove " + r.command() + " from the migration: it is table maintenance, not a schema change, "
                                + "and no later changeset depends on it.",
                        "To reclaim the space of " + it + (cluster ? " or restore its index order" : "")
                                + " while the application runs, use pg_repack ("
                                + (table == null ? "pg_repack --table=<table>" : "pg_repack --table=" + table)
                                + (cluster ? ", which keeps the clustered order" : "") + ") or pg_squeeze, outside the "
                                + "deploy: they copy the table online and lock it only briefly to swap the files.",
                        "If only the reuse of dead rows' space is wanted, a plain VACUUM" + (table == null ? "" : " " + table)
                                + " (without FULL) does it without blocking reads or writes."))
                .report();
    }
}
