package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.SetPersistence;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

@RuleInfo(id = "set-logged-unlogged", severity = Severity.ERROR, traced = TracedClaim.REWRITE,
        summary = "ALTER TABLE ... SET LOGGED / SET UNLOGGED rewrites the whole table under ACCESS EXCLUSIVE")
public final class SetLoggedUnlogged implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof SetPersistence p) || ctx.tableIsEmpty(p.table())) return;
        String table = p.table();
        String set = p.logged() ? "SET LOGGED" : "SET UNLOGGED";
        ctx.finding(this).table(table)
                .message("ALTER TABLE " + table + " " + set + " rewrites existing table " + table)
                .why(set + " writes a new copy of " + table + (p.logged() ? ", all of it through the WAL," : "")
                        + " under an ACCESS EXCLUSIVE lock: every query of the running version on " + table
                        + ", SELECTs included, waits until the whole table is copied.")
                // no online form: a table swap or nothing, the team's choice
                .cure(Advice.of("set-logged-unlogged:" + table,
                        "There is no online form of " + set + ". Either create a new " + (p.logged() ? "" : "UNLOGGED ")
                                + "table like " + table + ", copy its rows in batches while the application writes to "
                                + "both, and swap the tables in a later deploy (see rename-table);",
                        "or leave " + table + " as it is" + (p.logged() ? "" : ": an UNLOGGED table is emptied after a "
                                + "crash and is not replicated to standbys, which is rarely worth a rewrite") + "."))
                .report();
    }
}
