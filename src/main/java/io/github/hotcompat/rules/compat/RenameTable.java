package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateRelation;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.extract.Operation.RenameRelation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.ApplicationStep;
import io.github.hotcompat.recipe.CompatibilityView;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.EntityMappings;
import liquibase.change.Change;
import liquibase.change.core.CreateViewChange;

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
            if (!ctx.schema().isNewTable(from) && !hasCompatibilityView(ctx, from)) renameTable(op, from, to, ctx);
        } else if (!ctx.schema().relation(from).map(Schema.Relation::createdInRelease).orElse(false)) {
            if (kind == RelationKind.SEQUENCE) renameSequence(op, from, to, ctx);
            else if (!hasCompatibilityView(ctx, from)) renameView(op, kind, from, to, ctx);
        }
    }

    private void renameTable(Operation op, String from, String to, RuleContext ctx) {
        ctx.finding(this).table(from)
                .message("existing table " + from + " renamed to " + to + " without a compatibility view")
                .why("The version still running during a rolling deploy queries " + from
                        + ": from the moment the rename commits its statements fail with 'relation \"" + from
                        + "\" does not exist' until the last old instance is gone.")
                .cure(CompatibilityView.table(op, from, to, ctx, EntityMappings.tableUsers(ctx.entities(), from)))
                .report();
    }

    /** A view keeps the old name working as a view over the renamed one (read-only for a materialized view). */
    private void renameView(Operation op, RelationKind kind, String from, String to, RuleContext ctx) {
        ctx.finding(this).table(from)
                .message("existing " + kind.label() + " " + from + " renamed to " + to + " without a compatibility view")
                .why("The version still running during a rolling deploy queries " + from
                        + ": from the moment the rename commits its statements fail with 'relation \"" + from
                        + "\" does not exist' until the last old instance is gone.")
                .cure(CompatibilityView.relation(op, kind, from, to, ctx, EntityMappings.tableUsers(ctx.entities(), from)))
                .report();
    }

    /**
     * No object can stand in for a sequence (nextval() of a view fails), so the only safe order is:
     * first the code stops naming it, then the rename. A warning: whether the running version names
     * the sequence (rather than relying on a column default) is not visible here.
     */
    private void renameSequence(Operation op, String from, String to, RuleContext ctx) {
        ctx.finding(this).table(from).severity(Severity.WARNING)
                .message("existing sequence " + from + " renamed to " + to)
                .why("If the running version names " + from + " (nextval('" + from + "') in SQL, a Hibernate "
                        + "sequence generator), its inserts fail with 'relation \"" + from + "\" does not exist' from "
                        + "the moment the rename commits. Column defaults are not affected.")
                .cure(DropAfterUse.sequenceRename(op, from, to, ctx, ApplicationStep.UNKNOWN))
                .report();
    }

    /** The changeset already creates a view under the old name: the rewrite's own form (recipe.CompatibilityView). */
    public static boolean hasCompatibilityView(RuleContext ctx, String oldName) {
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
