package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.AddColumnThenBackfill;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.recipe.ColumnRecipes;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.Locale;

/**
 * A serial, identity or stored generated column added to an existing table: PostgreSQL computes a
 * value for every existing row, rewriting the table under ACCESS EXCLUSIVE.
 */
@RuleInfo(id = "add-serial-or-generated-column", severity = Severity.ERROR, traced = TracedClaim.REWRITE,
        summary = "Adding a serial, identity or stored generated column rewrites the table")
public final class AddSerialOrGeneratedColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
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
