package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.plan.Recipe;
import liquibase.change.Change;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build an index without blocking writes: {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} in a
 * changeset of its own, outside a transaction, with the concurrent drop as its rollback. Also the
 * cure of a CONCURRENTLY build that sits in a transaction or a batch: the same changeset.
 */
public final class ConcurrentIndex {
    /** The rank of every concurrent-index recipe (build or drop). */
    public static final int RANK = 10;
    private static final Pattern CREATE_HEAD = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?");

    private ConcurrentIndex() {
    }

    public static Recipe of(CreateIndex index, RecipeContext ctx) {
        String name = index.nameOrDefault();
        Recipe.Builder r = Recipe.builder(key(index.table(), name)).replaces(index).rank(RANK);
        r.plan().deploy("build the index without blocking writes (its own changeset, outside a transaction)")
                .changeSet(changeSetId(ctx, name, "concurrently"), ctx.changeSet().author(), false,
                        List.of(createConcurrently(index, ctx)), List.of(ConcurrentIndexDrop.statement(name)))
                .note(failureNote(name));
        return r.build();
    }

    /**
     * {@code <id>-concurrently} for the one index statement of a changeset; with several,
     * {@code <id>-<index>-<suffix>}, so the composed plan has no two changesets with one id.
     */
    static String changeSetId(RecipeContext ctx, String index, String suffix) {
        long indexStatements = ctx.operations().stream().filter(o -> o instanceof CreateIndex || o instanceof DropIndex).count();
        return ctx.rewriteId(indexStatements > 1 ? index + "-" + suffix : "concurrently");
    }

    static String key(String table, String index) {
        return "concurrent-index:" + (table + "." + index).toLowerCase(Locale.ROOT);
    }

    /** What a failed concurrent build leaves behind, and how to retry. */
    public static String failureNote(String name) {
        return "CREATE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\"; "
                + "if the build fails it leaves an INVALID index: DROP INDEX CONCURRENTLY IF EXISTS " + name
                + " and run the deploy again (IF NOT EXISTS would otherwise keep the invalid one).";
    }

    /** {@code CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS name ON table (columns) [NULLS NOT DISTINCT]}. */
    static String createUnique(String name, String table, List<String> columns, boolean nullsNotDistinct) {
        return "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + table + " "
                + ConstraintStatements.cols(columns) + (nullsNotDistinct ? " NULLS NOT DISTINCT" : "");
    }

    /**
     * The concurrent form of the index statement the deploy would run. For a {@code createIndex} change,
     * from the SQL Liquibase generates, so descending and computed columns, quoted names, schema and
     * tablespace are kept as Liquibase writes them; for SQL, the statement as written.
     */
    static String createConcurrently(CreateIndex op, RecipeContext ctx) {
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
        String unique = op.unique() ? "UNIQUE " : "";
        if (op.origin().fromSql()) {
            Matcher m = CREATE_HEAD.matcher(op.origin().sql());
            if (m.find()) {
                String rest = op.origin().sql().substring(m.end());
                if (op.index() == null) rest = op.nameOrDefault() + " " + rest;
                return "CREATE " + unique + "INDEX CONCURRENTLY IF NOT EXISTS " + rest.strip();
            }
        }
        StringBuilder sb = new StringBuilder("CREATE ").append(unique).append("INDEX CONCURRENTLY IF NOT EXISTS ")
                .append(op.nameOrDefault()).append(" ON ").append(op.table());
        if (op.using() != null) sb.append(" USING ").append(op.using());
        sb.append(" (").append(String.join(", ", op.columns())).append(')');
        if (op.where() != null) sb.append(" WHERE ").append(op.where());
        return sb.toString();
    }
}
