package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
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

import java.util.Locale;
import java.util.Optional;

/**
 * A serial, identity or stored generated column added to an existing table: PostgreSQL computes a
 * value for every existing row, rewriting the table under ACCESS EXCLUSIVE.
 */
@RuleInfo(id = "add-serial-or-generated-column", severity = Severity.ERROR, traced = TracedClaim.REWRITE,
        summary = "Adding a serial, identity or stored generated column rewrites the table")
public final class AddSerialOrGeneratedColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AddColumn a && online(a, ctx)) return;
        if (!(op instanceof AddColumn add)) return;
        ColumnDef col = add.column();
        if (!col.autoIncrement() && col.generated() == null) return;
        String table = add.table();
        if (ctx.tableIsEmpty(table)) return;
        String generatedExpression = storedExpression(col.generated());
        String kind = generatedExpression != null ? "stored generated column"
                : col.generated() != null ? "identity column" : "serial/auto-increment column";
        ctx.finding(this).table(table).column(col.name())
                .message("add " + kind + " " + col.name() + " to existing table " + table)
                .why("PostgreSQL fills the new column for every existing row (" + (generatedExpression != null
                        ? "computing " + generatedExpression : "drawing a sequence value per row") + "), which rewrites "
                        + table + " while holding ACCESS EXCLUSIVE: every read and write of the running version waits "
                        + "until the whole table is written again."
                        + (ctx.target().size(table) == Target.Size.UNKNOWN ? " " + Backfills.unknownSizeSentence(table) : ""))
                .cure(generatedExpression != null
                        ? AddColumnThenBackfill.computed(add, ctx, ColumnRecipes.tidyType(col.type()), generatedExpression)
                        : AddColumnThenBackfill.numbered(add, ctx, plainType(col.type())))
                .report();
    }

    /**
     * An engine that picks an algorithm per operation (InnoDB): an AUTO_INCREMENT column is added INPLACE under
     * LOCK=SHARED, a STORED generated one by a COPY (both block writes), a VIRTUAL one INSTANT. True when the
     * dialect judged it (reported or not), so the PostgreSQL reasoning below does not run.
     */
    private boolean online(AddColumn add, RuleContext ctx) {
        ColumnDef col = add.column();
        if (!col.autoIncrement() && col.generated() == null) return false;
        Dialect dialect = Dialect.of(ctx.target());
        Optional<OnlineDdl.Verdict> online = dialect.online(add, ctx.schema(), ctx.operations());
        if (online.isEmpty()) return false;
        String table = add.table();
        if (online.get().concurrentDml() || ctx.tableIsEmpty(table)) return true;
        String clause = add.origin().fromSql() ? OnlineSchemaChange.alterClause(add.origin().sql())
                : "ADD COLUMN " + col.name() + " " + col.type() + (col.autoIncrement() ? " AUTO_INCREMENT" : " " + col.generated());
        ctx.finding(this).table(table).column(col.name())
                .message("add " + (col.autoIncrement() ? "AUTO_INCREMENT" : "STORED generated") + " column " + col.name()
                        + " to existing table " + table + ": writes blocked on " + dialect.engine())
                .why("On " + dialect.engine() + " " + online.get().reason() + ": every INSERT, UPDATE and DELETE of the "
                        + "running version on " + table + " waits until " + table + " is written again."
                        + (ctx.target().size(table) == Target.Size.UNKNOWN ? " " + Backfills.unknownSizeSentence(table) : ""))
                .cure(OnlineSchemaChange.of(table, clause, col.autoIncrement()
                        ? "InnoDB has no LOCK=NONE form for an AUTO_INCREMENT column."
                        : "Add it as a VIRTUAL generated column (INSTANT), or:"))
                .report();
        return true;
    }

    /** The expression of {@code GENERATED ALWAYS AS (expr) STORED}, else null. */
    static String storedExpression(String generated) {
        if (generated == null || !generated.toUpperCase(Locale.ROOT).contains("STORED")) return null;
        int open = generated.indexOf('(');
        int close = generated.lastIndexOf(')');
        return open >= 0 && close > open ? generated.substring(open + 1, close).strip() : null;
    }

    static String plainType(String type) {
        String t = ColumnRecipes.tidyType(type);
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "serial", "serial4" -> "integer";
            case "bigserial", "serial8" -> "bigint";
            case "smallserial", "serial2" -> "smallint";
            case "" -> "bigint";
            default -> t;
        };
    }
}
