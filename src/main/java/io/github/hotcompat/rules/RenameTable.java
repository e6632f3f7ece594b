package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;
import liquibase.change.Change;
import liquibase.change.core.CreateViewChange;

import java.util.List;
import java.util.regex.Pattern;

@RuleInfo(id = "rename-table", severity = Severity.ERROR,
        summary = "Renaming an existing table breaks the running version, which still uses the old name")
public final class RenameTable implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.RenameTable rt) || ctx.schema().isNewTable(rt.table())
                || hasCompatibilityView(ctx, rt.table())) return;
        String from = rt.table();
        String to = rt.newName();
        String author = ctx.changeSet().author();
        String createView = "CREATE VIEW " + from + " AS SELECT * FROM " + to;
        Rewrite.Builder rewrite = Rewrite.builder()
                .deploy("rename the table and leave a view under the old name in the same transaction")
                .code("Ship code that uses " + to + " instead of " + from + " (JPA: @Table(name = \"" + to + "\")).")
                .changeSet(ctx.rewriteId(to + "-rename"), author, true,
                        List.of("ALTER TABLE " + from + " RENAME TO " + to, createView),
                        List.of("DROP VIEW IF EXISTS " + from, "ALTER TABLE " + to + " RENAME TO " + from))
                .deploy("drop the compatibility view once no instance of the old version runs")
                .changeSet(ctx.rewriteId(from + "-drop-view"), author, true,
                        List.of("DROP VIEW IF EXISTS " + from), List.of(createView))
                .note("A view of a single table with SELECT * is automatically updatable in PostgreSQL: the old "
                        + "version's SELECT, INSERT, UPDATE and DELETE on " + from + " go through to " + to
                        + " (column defaults of " + to + " apply). The rename takes ACCESS EXCLUSIVE for a moment only.")
                .note("The view's column list is fixed when it is created: add columns to " + to + " only after "
                        + "deploy 2, or re-create the view. Alternative: expand/contract (create " + to
                        + ", write both, backfill, switch reads, drop " + from + ").");
        ctx.finding(this).table(from)
                .message("existing table " + from + " renamed to " + to + " without a compatibility view")
                .why("The version still running during a rolling deploy queries " + from
                        + ": from the moment the rename commits its statements fail with 'relation \"" + from
                        + "\" does not exist' until the last old instance is gone.")
                .rewrite(rewrite.build())
                .report();
    }

    /** The changeset already creates a view under the old name: the rewrite's own form. */
    private static boolean hasCompatibilityView(RuleContext ctx, String oldName) {
        Pattern view = Pattern.compile("(?is)^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(?:[\\w\"]+\\.)?\"?"
                + Pattern.quote(oldName) + "\"?\\s+AS\\b.*");
        for (Operation other : ctx.operations()) {
            if (other instanceof OtherStatement os && os.origin().fromSql() && view.matcher(os.origin().sql()).matches()) {
                return true;
            }
            Change change = ConstraintStatements.change(ctx, other);
            if (change instanceof CreateViewChange cv && oldName.equalsIgnoreCase(cv.getViewName())) return true;
        }
        return false;
    }
}
