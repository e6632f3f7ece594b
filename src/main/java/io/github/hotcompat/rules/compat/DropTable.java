package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateRelation;
import io.github.hotcompat.extract.Operation.DropRelation;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.EntityMappings;

import java.util.List;

@RuleInfo(id = "drop-table", severity = Severity.WARNING,
        summary = "Dropping an existing table breaks the running version if it still uses it")
public final class DropTable implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof DropRelation dr) {
            dropRelation(dr, ctx);
            return;
        }
        if (!(op instanceof Operation.DropTable dt) || ctx.schema().isNewTable(dt.table())) return;
        String table = dt.table();
        ctx.finding(this).table(table)
                .message("existing table " + table + " dropped")
                .why("During a rolling deploy the previous version is still running and may query " + table
                        + ": its statements fail with 'relation \"" + table + "\" does not exist' from the moment the "
                        + "drop commits. DROP TABLE also waits for ACCESS EXCLUSIVE behind every open transaction on it.")
                .cure(DropAfterUse.table(dt, ctx, EntityMappings.tableUsers(ctx.entities(), table)))
                .report();
    }

    /**
     * A view, materialized view or sequence that existed before this release and that the changeset
     * does not create again (DROP VIEW + CREATE VIEW is how a view's definition changes).
     */
    private void dropRelation(DropRelation dr, RuleContext ctx) {
        String name = dr.name();
        if (ctx.schema().relation(name).map(Schema.Relation::createdInRelease).orElse(false)) return;
        List<Operation> ops = ctx.operations();
        for (int i = ops.indexOf(dr) + 1; i < ops.size(); i++) {
            if (ops.get(i) instanceof CreateRelation cr && name.equalsIgnoreCase(cr.name())) return;
        }
        String kind = dr.kind().label();
        boolean sequence = dr.kind() == RelationKind.SEQUENCE;
        if (sequence && retiredDefault(dr, ctx)) return;
        ctx.finding(this).table(name)
                .message("existing " + kind + " " + name + " dropped")
                .why("During a rolling deploy the previous version is still running and may " + (sequence
                        ? "draw ids from " + name + ": its nextval('" + name + "') fails"
                        : "query " + name + ": its statements fail") + " with 'relation \"" + name
                        + "\" does not exist' from the moment the drop commits.")
                .cure(DropAfterUse.relation(dr, ctx, EntityMappings.tableUsers(ctx.entities(), name)))
                .report();
    }

    /**
     * A sequence whose column default this changeset already dropped or replaced, that no column default still
     * calls and no code of the build names: the running version only ever drew from it through that default (an
     * identity that took over from a temporary sequence), so nothing of it breaks when the sequence goes.
     */
    private static boolean retiredDefault(DropRelation dr, RuleContext ctx) {
        List<Operation> ops = ctx.operations();
        boolean defaultChanged = ops.subList(0, Math.max(0, ops.indexOf(dr))).stream()
                .anyMatch(o -> o instanceof Operation.DropDefault || o instanceof Operation.SetDefault);
        if (!defaultChanged) return false;
        String name = dr.name().toLowerCase(java.util.Locale.ROOT);
        // the schema before the DROP SEQUENCE: after this changeset's own default changes
        boolean stillCalled = ctx.schema().tables().stream().flatMap(t -> t.columns().stream())
                .map(Schema.Column::defaultValue).filter(d -> d != null)
                .anyMatch(d -> d.toLowerCase(java.util.Locale.ROOT).contains(name));
        if (stillCalled) return false;
        var users = EntityMappings.tableUsers(ctx.entities(), dr.name());
        return users.attributes().isEmpty() && users.queries().isEmpty();
    }
}
