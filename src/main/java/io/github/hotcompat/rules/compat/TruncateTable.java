package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.ApplicationStep;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.EntityMappings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RuleInfo(id = "truncate-table", severity = Severity.ERROR, traced = TracedClaim.ACCESS_EXCLUSIVE,
        summary = "TRUNCATE of an existing table takes ACCESS EXCLUSIVE and removes every row the running version uses")
public final class TruncateTable implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof DataChange d) || !d.truncate() || d.table() == null || ctx.tableIsEmpty(d.table())) return;
        String table = d.table();
        // CASCADE empties what references the table, as far as the replayed foreign keys tell
        List<String> cascaded = d.truncateCascade()
                ? ctx.schema().referencingTables(table).stream().filter(t -> !ctx.tableIsEmpty(t)).toList()
                : List.of();
        Map<String, ApplicationStep> users = new LinkedHashMap<>();
        users.put(table, EntityMappings.tableUsers(ctx.entities(), table));
        for (String t : cascaded) users.put(t, EntityMappings.tableUsers(ctx.entities(), t));
        String emptied = cascaded.isEmpty() ? ""
                : " (CASCADE also empties " + String.join(", ", cascaded) + ", whose foreign keys reference it)";
        ctx.finding(this).table(table)
                .message("TRUNCATE of existing table " + table + emptied)
                .why("From the moment the TRUNCATE commits, the running version finds " + table
                        + (cascaded.isEmpty() ? "" : " and " + String.join(", ", cascaded)) + " empty: the rows it "
                        + "reads are gone, and what it wrote a second before is gone with them. Until then the "
                        + "TRUNCATE waits for and holds ACCESS EXCLUSIVE on " + table + ", so its reads and writes wait."
                        + (d.truncateCascade() && cascaded.isEmpty()
                                ? " CASCADE also empties every table whose foreign keys reference " + table
                                        + "; the changelog names none, but the database may have some." : ""))
                .cure(DropAfterUse.truncate(d, statement(d, ctx), users, ctx))
                .report();
    }

    /** The statement as written when it truncates only this table, else this table's part of it. */
    private static String statement(DataChange d, RuleContext ctx) {
        long tables = ctx.operations().stream().filter(o -> o.origin() == d.origin()).count();
        return tables == 1 ? d.origin().sql() : "TRUNCATE " + d.table() + (d.truncateCascade() ? " CASCADE" : "");
    }
}
