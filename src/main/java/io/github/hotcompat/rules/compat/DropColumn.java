package io.github.hotcompat.rules.compat;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.NativeSqlReferences;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "drop-column", severity = Severity.WARNING,
        summary = "Dropping a column of an existing table breaks the running version if it still reads or writes it")
public final class DropColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.DropColumn dc) || ctx.schema().isNewTable(dc.table())) return;
        String table = dc.table();
        String column = dc.column();
        if (ctx.columnComesBack(op, table, column)) return; // swapped within one transaction: it is there again
        String author = ctx.changeSet().author();
        Optional<Schema.Column> known = ctx.schema().column(table, column);
        // New code that stops writing a NOT NULL column without default could not insert any more.
        boolean requiredByInserts = known.map(c -> !c.nullable() && c.defaultValue() == null).orElse(false);
        Plan.Builder rewrite = Plan.builder()
                .deploy("stop using the column")
                .code("Ship code that neither reads nor writes " + table + "." + column
                        + " (JPA: delete the field or mark it @Transient; remove it from native queries).");
        if (requiredByInserts) {
            rewrite.changeSet(ctx.rewriteId(column + "-drop-not-null"), author, true,
                    List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL"), List.of());
        }
        rewrite.deploy("drop the column once no running version uses it")
                .changeSet(ctx.rewriteId(column + "-drop"), author, true,
                        List.of("ALTER TABLE " + table + " DROP COLUMN " + column), List.of());
        Optional<RunningVersion> running = ctx.runningVersion();
        boolean unmapped = running.isPresent() && !mapsOrNames(running.get().entities(), table, column)
                && ctx.entities().map(m -> !mapsOrNames(m, table, column)).orElse(true);
        String message = "column " + table + "." + column + " dropped from an existing table";
        if (unmapped) {
            message += "; neither this build nor the running version (" + running.get().where() + ") maps it";
            rewrite.note("Neither this build's entities nor the running version's (" + running.get().where() + ") map "
                    + table + "." + column + " or name it in native SQL, so the JPA code of both versions survives the "
                    + "drop; other readers the entity scan does not read (other services, reports, plain JDBC code) may still use it. "
                    + "Once checked, suppress with the reason, e.g. 'hotcompat:ignore drop-column -- unused since release N'.");
        } else if (running.isPresent()) {
            rewrite.note("A version that still maps " + table + "." + column + " is named by column-still-mapped on "
                    + "this changeset; ship deploy 2 only when the version of deploy 1 runs everywhere.");
        } else {
            rewrite.note("Ship deploy 2 only when the version of deploy 1 runs everywhere; this rule cannot see that, so "
                    + "suppress it on the drop changeset with the reason, e.g. 'hotcompat:ignore drop-column -- "
                    + "unused since release N'. Give the running version (hotcompat.previousVersion or hotcompat.since) "
                    + "and it checks what that version maps.");
        }
        if (known.isEmpty()) {
            rewrite.note("If " + table + "." + column + " is NOT NULL without a default, add 'ALTER TABLE " + table
                    + " ALTER COLUMN " + column + " DROP NOT NULL' to deploy 1, or the new code's inserts fail.");
        }
        ctx.finding(this).table(table).column(column)
                .message(message)
                .why("During a rolling deploy the previous version is still running: its ORM lists " + column
                        + " in every SELECT and INSERT on " + table + ", which fail with 'column \"" + column
                        + "\" does not exist' from the moment the drop commits.")
                .rewrite(rewrite.build())
                .report();
    }

    private static boolean mapsOrNames(EntityModel model, String table, String column) {
        return model.maps(table, column)
                || model.nativeQueries().stream().anyMatch(q -> NativeSqlReferences.of(q.sql()).namesColumn(table, column));
    }
}
