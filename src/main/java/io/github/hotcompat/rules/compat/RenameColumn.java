package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import liquibase.change.core.RenameColumnChange;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "rename-column", severity = Severity.ERROR,
        summary = "Renaming a column of an existing table breaks the running version, which still uses the old name")
public final class RenameColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.RenameColumn rc) || ctx.schema().isNewTable(rc.table())) return;
        String table = rc.table();
        String from = rc.column();
        String to = rc.newName();
        Optional<Schema.Column> known = ctx.schema().column(table, from);
        // a column this release added is unknown to the running version; the old name coming back
        // in the same changeset (a column swap) leaves it what it uses
        if (known.map(Schema.Column::addedInRelease).orElse(false) || ctx.columnComesBack(op, table, from)) return;
        String author = ctx.changeSet().author();
        String type = known.map(Schema.Column::type).filter(t -> !t.isBlank()).orElse(null);
        if (type == null && ConstraintStatements.change(ctx, op) instanceof RenameColumnChange c
                && c.getColumnDataType() != null && !c.getColumnDataType().isBlank()) {
            // columnDataType is a Liquibase type name (clob, datetime...): the shadow column needs the database's
            type = DatabaseTypes.of(ctx.target().database()).databaseType(c.getColumnDataType());
        }
        // The type is not in the changelog (table created before Liquibase): copy it from the catalog.
        String addColumn = type != null
                ? "ALTER TABLE " + table + " ADD COLUMN " + to + " " + type
                : "DO $$ BEGIN EXECUTE format('ALTER TABLE " + table + " ADD COLUMN " + to + " %s', "
                        + "(SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
                        + "'::regclass AND attname = '" + from + "' AND NOT attisdropped)); END $$";
        boolean mayBeNotNull = known.map(c -> !c.nullable()).orElse(true);
        Plan.Builder rewrite = Plan.builder()
                .deploy("expand: add " + to + " next to " + from)
                .code("Ship code that writes both " + table + "." + from + " and " + table + "." + to
                        + " on every insert and update, and still reads " + from + ".")
                .changeSet(ctx.rewriteId(to + "-add"), author, true, List.of(addColumn),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + to))
                .deploy("backfill " + to + " from " + from + " in committed batches of "
                        + ConstraintStatements.BACKFILL_BATCH + " rows (after the code of deploy 1 is live everywhere)")
                .changeSet(ctx.rewriteId(to + "-backfill"), author, false,
                        List.of(ConstraintStatements.batchedUpdate(table, to + " = " + from,
                                to + " IS NULL AND " + from + " IS NOT NULL")), List.of())
                .deploy("switch reads to " + to + " (no migration)")
                .code("Ship code that reads " + table + "." + to + " and still writes both columns.")
                .deploy("stop writing " + from)
                .code("Ship code that neither reads nor writes " + table + "." + from + " (JPA: map the attribute to "
                        + to + " only).");
        if (mayBeNotNull) {
            rewrite.changeSet(ctx.rewriteId(from + "-drop-not-null"), author, true,
                    List.of("ALTER TABLE " + table + " ALTER COLUMN " + from + " DROP NOT NULL"), List.of());
        }
        rewrite.deploy("contract: drop " + from + " once no running version uses it")
                .changeSet(ctx.rewriteId(from + "-drop"), author, true,
                        List.of("ALTER TABLE " + table + " DROP COLUMN " + from), List.of())
                .note("Each deploy starts only when the previous version is gone from every instance; the old "
                        + "version keeps working through every step until deploy 5 drops " + from + ".")
                .note("The backfill commits every batch (PostgreSQL 11+, hence runInTransaction=\"false\"): no "
                        + "transaction holds row locks on all of " + table + ".")
                .note("If " + from + " must stay NOT NULL under its new name, enforce it on " + to
                        + " after the backfill with set-not-null's rewrite (NOT VALID check, VALIDATE, SET NOT NULL).");
        if (mayBeNotNull && known.isEmpty()) {
            rewrite.note("Deploy 4 drops NOT NULL on " + from + " (a no-op if it is nullable) so code that no longer "
                    + "writes it can still insert.");
        }
        ctx.finding(this).table(table).column(from)
                .message("column " + table + "." + from + " renamed to " + to + " on an existing table")
                .why("The version still running during a rolling deploy reads and writes " + table + "." + from
                        + ": from the moment the rename commits its queries fail with 'column \"" + from
                        + "\" does not exist' until the last old instance is gone.")
                .rewrite(rewrite.build())
                .report();
    }
}
