package io.github.hotcompat.proof;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fixtures and catalog look-ups for proofs. Names are resolved through the connection's
 * search_path, i.e. inside the scratch schema.
 */
public final class PgCatalog {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Column as the catalog sees it; {@code type} is {@code format_type} output, e.g. {@code character varying(64)}. */
    public record ColumnInfo(String type, boolean notNull, String defaultExpression) {
    }

    /**
     * Creates {@code table(id bigserial primary key, email text, created_at timestamptz, amount numeric)} with
     * {@code rows} rows. Emails are hashes so an index build has real sorting to do, which keeps lock windows
     * observable.
     */
    public static void seedTable(Connection c, String table, int rows) throws SQLException {
        identifier(table);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table
                    + " (id bigserial PRIMARY KEY, email text, created_at timestamptz, amount numeric)");
            st.execute("INSERT INTO " + table + " (email, created_at, amount)"
                    + " SELECT md5(g::text) || '@example.com', now() - g * interval '1 second', (g % 1000) / 10.0"
                    + " FROM generate_series(1, " + rows + ") g");
            st.execute("ANALYZE " + table);
        }
    }

    /** Changes when PostgreSQL rewrites the table (e.g. ALTER COLUMN TYPE). */
    public static long relfilenode(Connection c, String table) throws SQLException {
        return queryLong(c, "SELECT relfilenode FROM pg_class WHERE oid = to_regclass(?)", table,
                "no table " + table);
    }

    /** oid of a table or index in the search_path, stable across renames and rewrites. */
    public static long oid(Connection c, String relation) throws SQLException {
        return queryLong(c, "SELECT to_regclass(?)::oid", relation, "no relation " + relation);
    }

    public static boolean indexExists(Connection c, String index) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(?)", index);
    }

    /** pg_index.indisvalid; an interrupted CREATE INDEX CONCURRENTLY leaves an invalid index behind. */
    /** pg_indexes.indexdef: the CREATE INDEX statement PostgreSQL would write for the index, WHERE included. */
    public static String indexDefinition(Connection c, String index) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT indexdef FROM pg_indexes WHERE indexname = ? AND schemaname = current_schema()")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no index " + index);
                return rs.getString(1);
            }
        }
    }

    public static boolean indexIsValid(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no index " + index);
                }
                return rs.getBoolean(1);
            }
        }
    }

    public static Optional<ColumnInfo> columnInfo(Connection c, String table, String column) throws SQLException {
        String sql = "SELECT format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ColumnInfo(rs.getString(1), rs.getBoolean(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** pg_constraint.convalidated of a constraint in the current schema; false for NOT VALID constraints. */
    public static boolean constraintValidated(Connection c, String constraint) throws SQLException {
        String sql = "SELECT convalidated FROM pg_constraint WHERE conname = ? AND connamespace = current_schema()::regnamespace";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no constraint " + constraint + " in current schema");
                }
                return rs.getBoolean(1);
            }
        }
    }

    /** Each statement runs without error (as the running version's ORM issues them). */
    public static void assertWorks(Connection c, String... statements) throws Exception {
        for (String sql : statements) org.junit.jupiter.api.Assertions.assertEquals(Optional.empty(), sqlStateOf(c, sql), sql);
    }

    /** Each statement fails with {@code sqlState}. */
    public static void assertFails(Connection c, String sqlState, String... statements) throws Exception {
        for (String sql : statements) org.junit.jupiter.api.Assertions.assertEquals(Optional.of(sqlState), sqlStateOf(c, sql), sql);
    }

    /**
     * Runs {@code sql} in its own transaction and returns the SQLState it failed with, or empty on success.
     * For "old application version" statements that must keep working (or must fail) across deploys.
     */
    public static Optional<String> sqlStateOf(Connection c, String sql) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            c.commit();
            return Optional.empty();
        } catch (SQLException e) {
            c.rollback();
            return Optional.ofNullable(e.getSQLState()).or(() -> Optional.of("?????"));
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * pg_stat_user_tables.seq_scan: full scans of the table so far, as flushed by the sessions that ran them
     * (see {@code pg_stat_force_next_flush()}). Tells whether a statement read the whole table, without timing.
     */
    public static long seqScans(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
        }
        return queryLong(c, "SELECT seq_scan FROM pg_stat_user_tables WHERE relid = to_regclass(?)", table,
                "no statistics for " + table);
    }

    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
        }
        return name;
    }

    private static long queryLong(Connection c, String sql, String arg, String missing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    throw new AssertionError(missing);
                }
                return rs.getLong(1);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private PgCatalog() {
    }
}
