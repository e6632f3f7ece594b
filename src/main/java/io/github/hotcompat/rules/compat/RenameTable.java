package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateRelation;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.extract.Operation.RenameRelation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import liquibase.change.Change;
import liquibase.change.core.CreateViewChange;

import java.util.List;
import java.util.regex.Pattern;

@RuleInfo(id = "rename-table", severity = Severity.ERROR,
        summary = "Renaming an existing table breaks the running version, which still uses the old name")
public final class RenameTable implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        String from, to;
        RelationKind kind;
        if (op instanceof Operation.RenameTable rt) {
            from = rt.table();
            to = rt.newName();
            // ALTER TABLE (and Liquibase's renameTable) renames a view or sequence too: judged as that kind
            kind = ctx.schema().table(from).isPresent() ? null
                    : ctx.schema().relation(from).map(Schema.Relation::kind).orElse(null);
        } else if (op instanceof RenameRelation rr) {
            from = rr.name();
            to = rr.newName();
            kind = rr.kind();
        } else {
            return;
        }
        if (kind == null) {
            if (!ctx.schema().isNewTable(from) && !hasCompatibilityView(ctx, from)) renameTable(from, to, ctx);
        } else if (!ctx.schema().relation(from).map(Schema.Relation::createdInRelease).orElse(false)) {
            if (kind == RelationKind.SEQUENCE) renameSequence(from, to, ctx);
            else if (!hasCompatibilityView(ctx, from)) renameView(kind, from, to, ctx);
        }
    }

    private void renameTable(String from, String to, RuleContext ctx) {
        String author = ctx.changeSet().author();
        String createView = "CREATE VIEW " + from + " AS SELECT * FROM " + to;
        Plan.Builder rewrite = Plan.builder()
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

    /** A view keeps the old name working as a view over the renamed one (read-only for a materialized view). */
    private void renameView(RelationKind kind, String from, String to, RuleContext ctx) {
        String alter = "ALTER " + kind.label().toUpperCase(java.util.Locale.ROOT) + " ";
        String createView = "CREATE VIEW " + from + " AS SELECT * FROM " + to;
        String author = ctx.changeSet().author();
        Plan.Builder rewrite = Plan.builder()
                .deploy("rename the " + kind.label() + " and leave a view under the old name in the same transaction")
                .code("Ship code that uses " + to + " instead of " + from + ".")
                .changeSet(ctx.rewriteId(to + "-rename"), author, true,
                        List.of(alter + from + " RENAME TO " + to, createView),
                        List.of("DROP VIEW IF EXISTS " + from, alter + to + " RENAME TO " + from))
                .deploy("drop the compatibility view once no instance of the old version runs")
                .changeSet(ctx.rewriteId(from + "-drop-view"), author, true,
                        List.of("DROP VIEW IF EXISTS " + from), List.of(createView));
        if (kind == RelationKind.VIEW) {
            rewrite.note("A SELECT * view of one view is automatically updatable in PostgreSQL when that view is: "
                    + "whatever the old version could write through " + from + " it still can.");
        } else {
            rewrite.note("The view under the old name answers the old version's queries; its REFRESH MATERIALIZED "
                    + "VIEW " + from + " fails (a plain view cannot be refreshed): refresh " + to + " from the new version.");
        }
        rewrite.note("The view's column list is fixed when it is created: change the columns of " + to
                + " only after deploy 2, or re-create the view.");
        ctx.finding(this).table(from)
                .message("existing " + kind.label() + " " + from + " renamed to " + to + " without a compatibility view")
                .why("The version still running during a rolling deploy queries " + from
                        + ": from the moment the rename commits its statements fail with 'relation \"" + from
                        + "\" does not exist' until the last old instance is gone.")
                .rewrite(rewrite.build())
                .report();
    }

    /**
     * No object can stand in for a sequence (nextval() of a view fails), so the only safe order is:
     * first the code stops naming it, then the rename. A warning: whether the running version names
     * the sequence (rather than relying on a column default) is not visible here.
     */
    private void renameSequence(String from, String to, RuleContext ctx) {
        Plan rewrite = Plan.builder()
                .deploy("stop naming the sequence in the code")
                .code("Ship code that no longer calls nextval('" + from + "') nor maps it (JPA: "
                        + "@SequenceGenerator(sequenceName = \"" + from + "\")): let the column default draw the ids "
                        + "(GenerationType.IDENTITY, or insert without the id), or keep the old name.")
                .deploy("rename the sequence once no running version names it")
                .changeSet(ctx.rewriteId(to + "-rename"), ctx.changeSet().author(), true,
                        List.of("ALTER SEQUENCE " + from + " RENAME TO " + to),
                        List.of("ALTER SEQUENCE " + to + " RENAME TO " + from))
                .note("A compatibility view does not help a sequence: nextval('" + from + "') on a view fails. "
                        + "Column defaults nextval('" + from + "'::regclass) keep working after the rename: they "
                        + "hold the sequence's OID, not its name.")
                .note("A sequence's name is seen by no user: not renaming it is often the simplest fix.")
                .build();
        ctx.finding(this).table(from).severity(Severity.WARNING)
                .message("existing sequence " + from + " renamed to " + to)
                .why("If the running version names " + from + " (nextval('" + from + "') in SQL, a Hibernate "
                        + "sequence generator), its inserts fail with 'relation \"" + from + "\" does not exist' from "
                        + "the moment the rename commits. Column defaults are not affected.")
                .rewrite(rewrite)
                .report();
    }

    /** The changeset already creates a view under the old name: the rewrite's own form. */
    private static boolean hasCompatibilityView(RuleContext ctx, String oldName) {
        Pattern view = Pattern.compile("(?is)^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(?:[\\w\"]+\\.)?\"?"
                + Pattern.quote(oldName) + "\"?\\s+AS\\b.*");
        for (Operation other : ctx.operations()) {
            if (other instanceof CreateRelation cr && cr.kind() == RelationKind.VIEW && oldName.equalsIgnoreCase(cr.name())) {
                return true;
            }
            if (other instanceof OtherStatement os && os.origin().fromSql() && view.matcher(os.origin().sql()).matches()) {
                return true;
            }
            Change change = ConstraintStatements.change(ctx, other);
            if (change instanceof CreateViewChange cv && oldName.equalsIgnoreCase(cv.getViewName())) return true;
        }
        return false;
    }
}
