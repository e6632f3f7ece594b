package io.github.hotcompat.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills tables of any shape with rows, so a plan meets data as it would in production: every
 * column without a default gets a value of its type derived from the row number (integers the
 * number plus {@link #OFFSET}, so a foreign key on an integer key finds the referenced row of the
 * same number, and the changeset's own inserts of small ids do not collide),
 * nullable foreign-key columns stay NULL. Tables are filled referenced-first by retrying those
 * whose insert fails; a table that cannot be filled is named in the result.
 */
public final class RowSeeder {
    /** Seeded numbers start above the ids a changeset inserts itself, and stay within smallint. */
    static final int OFFSET = 10_000;

    private RowSeeder() {
    }

    /** Seeds each table; returns the tables (with PostgreSQL's reason) that could not be seeded. */
    public static List<String> seed(Connection c, String schema, List<String> tables, int rows) throws SQLException {
        Map<String, String> failing = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>(tables);
        for (int pass = 0; pass < 3 && !todo.isEmpty(); pass++) {
            List<String> next = new ArrayList<>();
            for (String table : todo) {
                try (Statement st = c.createStatement()) {
                    st.execute(insert(c, schema, table, rows));
                    st.execute("ANALYZE \"" + table + "\"");
                    failing.remove(table);
                } catch (SQLException e) {
                    failing.put(table, e.getMessage());
                    next.add(table);
                }
            }
            todo = next;
        }
        return failing.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private static String insert(Connection c, String schema, String table, int rows) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typcategory::text, t.typname, a.attnotnull,
                       EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conrelid = a.attrelid AND co.contype = 'f'
                               AND a.attnum = ANY (co.conkey)) AS fk
                FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                WHERE n.nspname = ? AND cl.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                  AND a.attidentity = '' AND a.attgenerated = ''
                  AND NOT EXISTS (SELECT 1 FROM pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum)
                ORDER BY a.attnum""")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean nullableForeignKey = rs.getBoolean("fk") && !rs.getBoolean("attnotnull");
                    if (nullableForeignKey) continue;
                    String value = value(rs.getString(3), rs.getString(4), rs.getString(2));
                    if (value == null) continue;
                    columns.add("\"" + rs.getString(1) + "\"");
                    values.add("CAST(" + value + " AS " + rs.getString(2) + ")");
                }
            }
        }
        if (columns.isEmpty()) return "INSERT INTO \"" + table + "\" SELECT FROM generate_series(1, " + rows + ") g";
        return "INSERT INTO \"" + table + "\" (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM generate_series(1, " + rows + ") g";
    }

    /** A value of the column's type for row {@code g}, or null to leave the column NULL. */
    private static String value(String category, String typeName, String type) {
        return switch (category) {
            case "N" -> "g + " + OFFSET;
            case "S" -> "(g + " + OFFSET + ")::text"; // digits: still castable when a plan converts the column to a number
            case "B" -> "g % 2 = 0";
            case "D" -> "now() - g * interval '1 minute'";
            case "T" -> "g * interval '1 second'";
            case "E" -> "(enum_range(NULL::" + type + "))[1]";
            case "U" -> switch (typeName) {
                case "uuid" -> "md5(g::text)::uuid";
                case "json", "jsonb" -> "'{}'";
                case "bytea" -> "'\\x00'::bytea";
                default -> null;
            };
            case "A" -> "'{}'";
            default -> null;
        };
    }
}
