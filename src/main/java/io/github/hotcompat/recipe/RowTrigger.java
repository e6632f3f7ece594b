package io.github.hotcompat.recipe;

import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code BEFORE INSERT OR UPDATE} row trigger that sets a column of every row written: how a plan keeps a
 * column equal to an expression of the row without a rewrite (a type change's shadow column, a generated
 * column's plain stand-in). Its function and the trigger are each a changeset of their own.
 */
public final class RowTrigger {
    private RowTrigger() {
    }

    /**
     * The function {@code name} setting {@code NEW.column := value}, then the trigger {@code name} on
     * {@code table} calling it. The trigger is alone behind the lock timeout: its SHARE ROW EXCLUSIVE lock,
     * which blocks the table's writes, lasts for that statement only.
     */
    static void append(Plan.Builder b, RecipeContext ctx, String table, String name, String column, String value) {
        String author = ctx.changeSet().author();
        b.unsplitChangeSet(ctx.rewriteId(name + "-function"), author, true,
                        List.of("CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                                + "  NEW." + column + " := " + value + ";\n  RETURN NEW;\nEND\n$$"),
                        List.of("DROP FUNCTION IF EXISTS " + name + "()"))
                .changeSet(new PlanChangeSet(ctx.rewriteId(name + "-trigger"), author, true,
                        List.of("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + name + "()"),
                        List.of("DROP TRIGGER IF EXISTS " + name + " ON " + table), null).locking());
    }

    /**
     * {@code expression}, parenthesized, with its unqualified columns read from {@code row} ({@code "NEW."} in a
     * trigger function, {@code ""} in an UPDATE): JSqlParser rewrites the column references. An expression it
     * cannot read has {@code columns}, the ones hotcompat knows, qualified by name instead.
     */
    static String fromRow(String expression, List<String> columns, String row) {
        try {
            Expression e = CCJSqlParserUtil.parseExpression(expression);
            e.accept(new ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(Column column, S context) {
                    if (column.getTable() == null && !row.isEmpty()) column.setTable(new Table("NEW"));
                    return null;
                }
            }, null);
            return "(" + e + ")";
        } catch (JSQLParserException ex) {
            String out = expression;
            if (!row.isEmpty()) {
                for (String c : columns) out = out.replaceAll("(?i)(?<![.\\w\"])" + Pattern.quote(c) + "(?![\\w\"])", row + c);
            }
            return "(" + out + ")";
        }
    }
}
