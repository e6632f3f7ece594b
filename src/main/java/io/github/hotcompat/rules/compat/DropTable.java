package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateRelation;
import io.github.hotcompat.extract.Operation.DropRelation;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

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
        Plan rewrite = Plan.builder()
                .deploy("stop using the table")
                .code("Ship code that neither reads nor writes " + table
                        + " (JPA: delete its entity and every association to it; remove it from native queries).")
                .deploy("drop the table once no running version uses it")
                .changeSet(ctx.rewriteId(table + "-drop"), ctx.changeSet().author(), true,
                        List.of("DROP TABLE " + table), List.of())
                .note("Ship deploy 2 only when the version of deploy 1 runs everywhere; this rule cannot see that, so "
                        + "suppress it on the drop changeset with the reason, e.g. 'hotcompat:ignore drop-table -- "
                        + "unused since release N'.")
                .note("Foreign keys of other tables that reference " + table + " must be dropped first (in deploy 2, "
                        + "before the DROP TABLE).")
                .build();
        ctx.finding(this).table(table)
                .message("existing table " + table + " dropped")
                .why("During a rolling deploy the previous version is still running and may query " + table
                        + ": its statements fail with 'relation \"" + table + "\" does not exist' from the moment the "
                        + "drop commits. DROP TABLE also waits for ACCESS EXCLUSIVE behind every open transaction on it.")
                .rewrite(rewrite)
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
        String drop = "DROP " + kind.toUpperCase(java.util.Locale.ROOT) + " " + name;
        Plan.Builder rewrite = Plan.builder()
                .deploy("stop using the " + kind)
                .code(sequence
                        ? "Ship code that no longer calls nextval('" + name + "') nor maps it (JPA: @SequenceGenerator)."
                        : "Ship code that no longer reads " + name + " (JPA: an entity or native query on it).")
                .deploy("drop the " + kind + " once no running version uses it")
                .changeSet(ctx.rewriteId(name + "-drop"), ctx.changeSet().author(), true, List.of(drop), List.of())
                .note("Ship deploy 2 only when the version of deploy 1 runs everywhere; then suppress this warning on "
                        + "the drop changeset with the reason, e.g. 'hotcompat:ignore drop-table -- unused since release N'.");
        if (sequence) {
            rewrite.note("DROP SEQUENCE fails while a column default still calls nextval('" + name + "'): drop or "
                    + "change that default first (CASCADE would drop the default silently).");
        } else {
            rewrite.note("Views that read " + name + " must be dropped first (or re-created without it).");
        }
        ctx.finding(this).table(name)
                .message("existing " + kind + " " + name + " dropped")
                .why("During a rolling deploy the previous version is still running and may " + (sequence
                        ? "draw ids from " + name + ": its nextval('" + name + "') fails"
                        : "query " + name + ": its statements fail") + " with 'relation \"" + name
                        + "\" does not exist' from the moment the drop commits.")
                .rewrite(rewrite.build())
                .report();
    }
}
