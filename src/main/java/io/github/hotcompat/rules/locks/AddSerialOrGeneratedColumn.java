package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.recipe.ColumnRecipes;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Locale;

/**
 * A serial, identity or stored generated column added to an existing table: PostgreSQL computes a
 * value for every existing row, rewriting the table under ACCESS EXCLUSIVE.
 */
@RuleInfo(id = "add-serial-or-generated-column", severity = Severity.ERROR,
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
                        + (ctx.target().size(table) == Target.Size.UNKNOWN ? " " + ColumnRecipes.unknownSizeHint(table) : ""))
                .rewrite(generatedExpression != null ? generatedRewrite(ctx, add, generatedExpression) : sequenceRewrite(ctx, add))
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

    private static Plan sequenceRewrite(RuleContext ctx, AddColumn add) {
        ColumnDef col = add.column();
        String table = add.table();
        String name = col.name();
        String type = plainType(col.type());
        String sequence = table + "_" + name + "_seq";
        String author = ctx.changeSet().author();
        Plan.Builder b = Plan.builder()
                .deploy("add " + table + "." + name + " as a plain nullable " + type + ", then its sequence and default "
                        + "(catalog only), then number the existing rows in batches")
                .changeSet(ctx.rewriteId("add-column"), author, true, List.of(
                                "CREATE SEQUENCE IF NOT EXISTS " + sequence + " AS " + type,
                                "ALTER TABLE " + table + " ADD COLUMN " + name + " " + type,
                                "ALTER TABLE " + table + " ALTER COLUMN " + name + " SET DEFAULT nextval('" + sequence + "')",
                                "ALTER SEQUENCE " + sequence + " OWNED BY " + table + "." + name),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + name,
                                "DROP SEQUENCE IF EXISTS " + sequence))
                .blockChangeSet(ctx.rewriteId("backfill"), author, ColumnRecipes.batchedUpdate(ctx.schema(), table,
                        name + " = nextval('" + sequence + "')", name + " IS NULL"), null);
        ColumnRecipes.appendNotNull(b, ctx, null, table, name, null, true);
        if (col.primaryKey() || col.unique()) {
            b.note("Then the " + (col.primaryKey() ? "primary key" : "unique constraint") + ": CREATE UNIQUE INDEX "
                    + "CONCURRENTLY on " + table + " (" + name + ") in its own changeset, then ADD CONSTRAINT ... "
                    + (col.primaryKey() ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX.");
        }
        b.note("The column behaves like a serial: new rows take nextval('" + sequence + "'). An identity column cannot "
                + "be added to a filled table without a rewrite; the sequence default is the lock-free equivalent.");
        b.note(ColumnRecipes.backfillNote());
        return b.build();
    }

    private static Plan generatedRewrite(RuleContext ctx, AddColumn add, String expression) {
        ColumnDef col = add.column();
        String table = add.table();
        String name = col.name();
        String type = ColumnRecipes.tidyType(col.type());
        String author = ctx.changeSet().author();
        Plan.Builder b = Plan.builder()
                .deploy("add " + table + "." + name + " as a plain nullable " + type + " (catalog only)")
                .code("Set " + name + " = " + expression + " on every INSERT and UPDATE of " + table
                        + " (or maintain it with a BEFORE INSERT OR UPDATE trigger).")
                .changeSet(ctx.rewriteId("add-column"), author, true,
                        List.of("ALTER TABLE " + table + " ADD COLUMN " + name + " " + type),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + name))
                .deploy("compute " + name + " for the existing rows in batches")
                .blockChangeSet(ctx.rewriteId("backfill"), author, ColumnRecipes.batchedUpdate(ctx.schema(), table,
                        name + " = " + expression, name + " IS DISTINCT FROM (" + expression + ")"), null);
        b.note("PostgreSQL cannot turn a filled plain column into a generated one without a rewrite, so " + name
                + " stays a plain column kept up to date by the application (or a trigger).");
        b.note(ColumnRecipes.backfillNote());
        return b.build();
    }
}
