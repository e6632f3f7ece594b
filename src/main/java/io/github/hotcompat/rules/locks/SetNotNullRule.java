package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.SetNotNull;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.recipe.NotNullViaCheck;
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.Optional;

/**
 * SET NOT NULL on an existing table scans every row under ACCESS EXCLUSIVE; Liquibase's
 * addNotNullConstraint with defaultNullValue first runs an UPDATE of every NULL row inside the same lock.
 */
@RuleInfo(id = "set-not-null", severity = Severity.ERROR, traced = TracedClaim.SCAN,
        summary = "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock")
public final class SetNotNullRule implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof SetNotNull snn)) return;
        String table = snn.table();
        String column = snn.column();
        if (ctx.tableIsEmpty(table)) return;
        Optional<Schema.Column> known = ctx.schema().column(table, column);
        if (known.isPresent() && !known.get().nullable()) return; // already NOT NULL: PostgreSQL does nothing
        Target target = ctx.target();
        Dialect dialect = Dialect.of(target);
        Optional<OnlineDdl.Verdict> online = dialect.online(snn, ctx.schema(), ctx.operations());
        if (online.isPresent()) {
            online(snn, ctx, dialect, online.get(), known);
            return;
        }
        Boolean pg12 = target.atLeast(12);
        boolean provenByCheck = NotNullViaCheck.provenByValidatedCheck(ctx.schema(), table, column);
        if (provenByCheck && Boolean.TRUE.equals(pg12)) return; // PG 12+ uses the check and skips the scan

        Target.Size size = target.size(table);
        Severity severity = size == Target.Size.SMALL ? Severity.WARNING : Severity.ERROR;
        String backfill = NotNullViaCheck.backfillValue(snn, ctx);
        StringBuilder why = new StringBuilder();
        if (provenByCheck) {
            // version unknown: the check makes it safe on 12+ only, so say so instead of guessing
            severity = Severity.WARNING;
            why.append("Safe on PostgreSQL 12+, which uses the validated CHECK (").append(column)
                    .append(" IS NOT NULL) on ").append(table).append(" and skips the scan; before 12 SET NOT NULL still ")
                    .append("scans the whole table under ACCESS EXCLUSIVE. Set databaseVersion. ");
        } else {
            why.append("SET NOT NULL reads every row of ").append(table).append(" to prove there is no NULL, holding an ")
                    .append("ACCESS EXCLUSIVE lock the whole time: every read and write of the running version waits. ");
        }
        if (snn.defaultNullValue() != null) {
            why.append("addNotNullConstraint's defaultNullValue first runs 'UPDATE ").append(table).append(" SET ")
                    .append(column).append(" = ").append(backfill).append(" WHERE ")
                    .append(column).append(" IS NULL' in the same transaction: one huge UPDATE whose row locks, and then "
                    + "the ACCESS EXCLUSIVE lock, are held until the scan ends. ");
        }
        switch (size) {
            case LARGE -> why.append(table).append(" is large (").append(target.rows(table).getAsLong()).append(" rows).");
            case SMALL -> why.append(table).append(" is small (").append(target.rows(table).getAsLong())
                    .append(" rows), so the lock is short; still, it queues behind any running query.");
            case UNKNOWN -> why.append(Backfills.unknownSizeSentence(table));
        }

        ctx.finding(this).table(table).column(column).severity(severity)
                .message((snn.origin().fromSql() ? "SET NOT NULL" : "addNotNullConstraint") + " on " + table + "."
                        + column + (snn.defaultNullValue() != null ? " with defaultNullValue (UPDATE inside the lock)" : ""))
                .why(why.toString().strip())
                .cure(NotNullViaCheck.of(snn, ctx))
                .report();
    }

    /** An engine that picks an algorithm per operation (InnoDB): reported only when writes wait (OnlineDdl.setNotNull). */
    private void online(SetNotNull snn, RuleContext ctx, Dialect ddl, OnlineDdl.Verdict verdict, Optional<Schema.Column> known) {
        if (verdict.concurrentDml()) return;
        String table = snn.table();
        String clause = snn.origin().fromSql() ? OnlineSchemaChange.alterClause(snn.origin().sql())
                : "MODIFY COLUMN " + snn.column() + " " + known.map(Schema.Column::type).orElse("<type>") + " NOT NULL";
        ctx.finding(this).table(table).column(snn.column())
                .message("NOT NULL set on " + table + "." + snn.column() + ": writes blocked on " + ddl.engine())
                .why("On " + ddl.engine() + " " + verdict.reason() + ": every INSERT, UPDATE and DELETE of the running "
                        + "version on " + table + " waits until it ends.")
                .cure(OnlineSchemaChange.of(table, clause, "InnoDB has no LOCK=NONE form for this change here.", ctx.schema()))
                .report();
    }
}
