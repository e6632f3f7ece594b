package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.extract.Operation.CreateIndex;
import liquibase.change.Change;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The concurrent forms of index statements, used by the index rules' rewrites. */
public final class IndexStatements {
    private static final Pattern CREATE_HEAD = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?");

    private IndexStatements() {
    }

    /** The index's name, or the one PostgreSQL would generate when the statement gives none. */
    public static String indexName(CreateIndex op) {
        return op.nameOrDefault();
    }

    /**
     * As {@link #createConcurrently(CreateIndex)}, from the SQL Liquibase generates for a {@code createIndex}
     * change: what the deploy would run plus CONCURRENTLY, so descending and computed columns, quoted
     * names, schema and tablespace are kept as Liquibase writes them.
     */
    public static String createConcurrently(CreateIndex op, RecipeContext ctx) {
        Change change = op.origin().fromSql() || op.index() == null ? null : ConstraintStatements.change(ctx, op);
        if (change != null) {
            GeneratedSql.Statements sql = new GeneratedSql(ctx.target().database()).of(change, ctx.changeSet().changeSet());
            // clustered="true" adds a CLUSTER statement: not a plain index build, keep the own form
            if (sql.known() && sql.sql().size() == 1) {
                Matcher m = CREATE_HEAD.matcher(sql.sql().get(0));
                if (m.find()) {
                    // Liquibase writes "ON users(email)"; the space keeps rewrites as people write them
                    String rest = sql.sql().get(0).substring(m.end()).replaceFirst("^(\\S+\\s+ON\\s+[^\\s(]+)\\(", "$1 (");
                    return "CREATE " + (op.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + rest.strip();
                }
            }
        }
        return createConcurrently(op);
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS ...}, keeping the original's columns and clauses. */
    public static String createConcurrently(CreateIndex op) {
        String unique = op.unique() ? "UNIQUE " : "";
        if (op.origin().fromSql()) {
            Matcher m = CREATE_HEAD.matcher(op.origin().sql());
            if (m.find()) {
                String rest = op.origin().sql().substring(m.end());
                if (op.index() == null) rest = indexName(op) + " " + rest;
                return "CREATE " + unique + "INDEX CONCURRENTLY IF NOT EXISTS " + rest.strip();
            }
        }
        StringBuilder sb = new StringBuilder("CREATE ").append(unique).append("INDEX CONCURRENTLY IF NOT EXISTS ")
                .append(indexName(op)).append(" ON ").append(op.table());
        if (op.using() != null) sb.append(" USING ").append(op.using());
        sb.append(" (").append(String.join(", ", op.columns())).append(')');
        if (op.where() != null) sb.append(" WHERE ").append(op.where());
        return sb.toString();
    }

    public static String dropConcurrently(String index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + index;
    }
}
