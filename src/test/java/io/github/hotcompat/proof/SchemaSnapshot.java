package io.github.hotcompat.proof;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a schema holds, as sorted lines read from pg_catalog: relations, columns (type, nullability,
 * default, identity, generation), constraints (definition, validated), indexes (definition, valid),
 * views, sequences, triggers and types. Two schemas reached by different routes (a changeset as
 * written, its plan deploy by deploy) compare equal when they end at the same schema; column order
 * and object ids are left out, the schema's own name is written as {@code <schema>}, and Liquibase's
 * own tables are ignored.
 */
public final class SchemaSnapshot {
    private static final String LIQUIBASE_TABLES = "('databasechangelog', 'databasechangeloglock')";

    private SchemaSnapshot() {
    }

    public static List<String> of(Connection c, String schema) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        read(c, schema, lines, "relation", """
                SELECT cl.relname, cl.relkind::text, cl.relpersistence::text
                FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = ? AND cl.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND cl.relname NOT IN""" + LIQUIBASE_TABLES);
        read(c, schema, lines, "column", """
                SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
                       coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text, a.attgenerated::text
                FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = ? AND a.attnum > 0 AND NOT a.attisdropped AND cl.relkind IN ('r', 'p', 'v', 'm', 'f')
                  AND cl.relname NOT IN""" + LIQUIBASE_TABLES);
        read(c, schema, lines, "constraint", """
                SELECT cl.relname, co.conname, pg_get_constraintdef(co.oid), co.convalidated::text
                FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = ? AND cl.relname NOT IN""" + LIQUIBASE_TABLES);
        read(c, schema, lines, "index", """
                SELECT i.relname, pg_get_indexdef(x.indexrelid), x.indisvalid::text
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname NOT IN""" + LIQUIBASE_TABLES);
        read(c, schema, lines, "view", """
                SELECT cl.relname, pg_get_viewdef(cl.oid)
                FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = ? AND cl.relkind IN ('v', 'm')""");
        read(c, schema, lines, "trigger", """
                SELECT cl.relname, tg.tgname, pg_get_triggerdef(tg.oid), tg.tgenabled::text
                FROM pg_trigger tg JOIN pg_class cl ON cl.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = ? AND NOT tg.tgisinternal""");
        read(c, schema, lines, "type", """
                SELECT t.typname, t.typtype::text,
                       coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ? AND t.typtype IN ('e', 'd')""");
        return List.copyOf(lines);
    }

    private static void read(Connection c, String schema, TreeSet<String> into, String kind, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> parts = new ArrayList<>();
                    for (int i = 1; i <= n; i++) parts.add(rs.getString(i));
                    into.add(kind + " " + String.join(" | ", parts).replace(schema + ".", "<schema>."));
                }
            }
        }
    }
}
