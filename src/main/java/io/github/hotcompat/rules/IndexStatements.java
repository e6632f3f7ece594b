package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation.CreateIndex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The concurrent forms of index statements, used by the index rules' rewrites. */
final class IndexStatements {
    private static final Pattern CREATE_HEAD = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?");

    private IndexStatements() {
    }

    /** The index's name, or the one PostgreSQL would generate when the statement gives none. */
    static String indexName(CreateIndex op) {
        if (op.index() != null) return op.index();
        return op.table() + "_" + String.join("_", op.columns()) + "_idx";
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS ...}, keeping the original's columns and clauses. */
    static String createConcurrently(CreateIndex op) {
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

    static String dropConcurrently(String index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + index;
    }
}
