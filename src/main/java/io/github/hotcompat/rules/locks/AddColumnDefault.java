package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.dialect.postgres.DefaultVolatility;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.AddColumnThenBackfill;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.recipe.ColumnRecipes;
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

/**
 * ADD COLUMN with a default on an existing table rewrites every row under ACCESS EXCLUSIVE before
 * PostgreSQL 11, and still does on 11+ when the default is volatile. How bad depends on the table's
 * size and the version, so the severity is decided per finding.
 */
@RuleInfo(id = "add-column-default", severity = Severity.ERROR, traced = TracedClaim.REWRITE,
        summary = "ADD COLUMN with a default that rewrites the table (before PostgreSQL 11, or a volatile default)")
public final class AddColumnDefault implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof AddColumn add) || !add.column().hasDefault()) return;
        ColumnDef col = add.column();
        // serial/identity/generated columns: add-serial-or-generated-column reports them
        if (col.autoIncrement() || col.generated() != null) return;
        String table = add.table();
        if (ctx.tableIsEmpty(table)) return;
        Target target = ctx.target();
        Target.Size size = target.size(table);
        if (size == Target.Size.SMALL) return; // a rewrite of a small table is over in moments

        Dialect dialect = Dialect.of(target);
        java.util.Optional<OnlineDdl.Verdict> online = dialect.online(add, ctx.schema(), ctx.operations());
        if (online.isPresent()) {
            online(add, ctx, dialect, online.get(), size);
            return;
        }
        DefaultVolatility.Verdict verdict = col.defaultComputed()
                ? DefaultVolatility.of(col.defaultValue())
                : new DefaultVolatility.Verdict(DefaultVolatility.Kind.CONSTANT, null);
        String expr = sqlDefault(add, target.database());
        Boolean pg11 = target.atLeast(11);
        boolean volatileDefault = verdict.rewritesOnPg11();
        Severity severity;
        String condition;
        if (volatileDefault) {
            severity = size == Target.Size.LARGE ? Severity.ERROR : Severity.WARNING;
            condition = "the default " + expr + " is " + verdict.describe()
                    + ", so PostgreSQL (any version) evaluates it for every existing row and rewrites the table";
        } else if (Boolean.FALSE.equals(pg11)) {
            severity = size == Target.Size.LARGE ? Severity.ERROR : Severity.WARNING;
            condition = "before PostgreSQL 11 (target: " + target.version() + ") ADD COLUMN with a default writes it "
                    + "into every existing row, rewriting the table";
        } else if (pg11 == null) {
            // version unknown, default not volatile: dangerous only before 11, so say it conditionally
            severity = size == Target.Size.LARGE ? Severity.WARNING : Severity.INFO;
            condition = "safe on PostgreSQL 11+ when the default is not volatile (" + expr + " is "
                    + verdict.describe() + "); before 11 it rewrites the whole table. Set databaseVersion";
        } else {
            return; // PG 11+ and a non-volatile default: stored in the catalog, no rewrite
        }

        String sizeText = size == Target.Size.LARGE
                ? table + " is large (" + target.rows(table).getAsLong() + " rows)."
                : Backfills.unknownSizeSentence(table);
        ctx.finding(this).table(table).column(col.name()).severity(severity)
                .message("ADD COLUMN " + col.name() + " DEFAULT " + expr + " on existing table " + table
                        + (volatileDefault ? " with a " + (verdict.kind() == DefaultVolatility.Kind.VOLATILE
                        ? "volatile" : "possibly volatile") + " default"
                        : pg11 == null ? ": safe on PostgreSQL 11+ when the default is not volatile; set databaseVersion"
                        : ": PostgreSQL " + target.version() + " rewrites the table"))
                .why(capitalize(condition) + ". The rewrite holds an ACCESS EXCLUSIVE lock on " + table + " for its "
                        + "whole duration: every read and write of the running version waits. " + sizeText)
                .cure(AddColumnThenBackfill.withDefault(add, ctx, expr))
                .report();
    }

    /**
     * An engine that picks an algorithm per operation (InnoDB): INSTANT for a constant default on a recent
     * enough release (and position), else the table is rebuilt; a per-row expression default is a COPY.
     * Only a COPY blocks writes, an INPLACE rebuild keeps them going but rewrites the whole table.
     */
    private void online(AddColumn add, RuleContext ctx, Dialect ddl, OnlineDdl.Verdict verdict, Target.Size size) {
        if (verdict.algorithm() == OnlineDdl.Algorithm.INSTANT) return;
        ColumnDef col = add.column();
        String table = add.table();
        String expr = sqlDefault(add, ctx.target().database());
        boolean copy = verdict.blocksWrites();
        Severity severity = copy && size == Target.Size.LARGE ? Severity.ERROR
                : copy || size == Target.Size.LARGE ? Severity.WARNING : Severity.INFO;
        String sizeText = size == Target.Size.LARGE
                ? table + " is large (" + ctx.target().rows(table).getAsLong() + " rows)."
                : Backfills.unknownSizeSentence(table);
        String clause = "ADD COLUMN " + col.name() + " " + col.type() + " DEFAULT " + expr
                + (add.position() == null ? "" : " " + add.position());
        ctx.finding(this).table(table).column(col.name()).severity(severity)
                .message("ADD COLUMN " + col.name() + " DEFAULT " + expr + " on existing table " + table
                        + (add.position() == null ? "" : " (" + add.position() + ")") + ": not INSTANT on " + ddl.engine())
                .why("On " + ddl.engine() + " " + verdict.reason() + (copy
                        ? ": every INSERT, UPDATE and DELETE of the running version on " + table + " waits for the whole copy. "
                        : ": the whole table is rewritten (I/O, replication lag, twice the disk) although writes go on. ")
                        + sizeText)
                .cure(copy ? expressionDefaultPlan(add, ctx, ddl, expr, clause)
                        : OnlineSchemaChange.of(table, clause, "Add the column at the end (INSTANT since MySQL 8.0.12 / MariaDB "
                                + "10.3.2; any position since MySQL 8.0.29 / MariaDB 10.4) with ALGORITHM=INSTANT, or:", ctx.schema()))
                .report();
    }

    /**
     * A per-row default (a COPY): the plan adds the column bare, sets the default and backfills; the online
     * schema-change tool stays the alternative (the only cure where the plan cannot be written).
     */
    private static io.github.hotcompat.plan.Recipe expressionDefaultPlan(AddColumn add, RuleContext ctx, Dialect ddl,
                                                                        String expr, String clause) {
        String table = add.table();
        if (ddl instanceof OnlineDdl online) {
            java.util.Optional<io.github.hotcompat.plan.Recipe> plan = AddColumnThenBackfill.mySqlExpressionDefault(add, ctx,
                    online, expr, OnlineSchemaChange.notes(table, clause, ctx.schema(), "the plan above"));
            if (plan.isPresent()) return plan.get();
        }
        return OnlineSchemaChange.of(table, clause, "Add the column without the expression default (INSTANT) and "
                + "fill it in batches, or:", ctx.schema());
    }

    /**
     * The default as SQL: Liquibase's plain defaultValue is a value, quoted unless numeric or boolean; for a
     * boolean column it is the literal Liquibase writes for the database ({@code 1} is {@code TRUE} on PostgreSQL).
     */
    static String sqlDefault(AddColumn add, String database) {
        ColumnDef col = add.column();
        // the SQL reader joins tokens with spaces: gen_random_uuid () -> gen_random_uuid()
        if (add.origin().fromSql()) return col.defaultValue().replaceAll("([A-Za-z0-9_])\\s+\\(", "$1(");
        if (col.defaultComputed()) return col.defaultValue();
        return ColumnRecipes.literal(database, col.type(), col.defaultValue());
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
