package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.replay.Schema;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the column recipes share: the integer key a batched backfill walks, column types as the
 * changelog's SQL writes them, and literals for an UPDATE of a column.
 */
public final class ColumnRecipes {
    /** Heap pages per batch when no key is known: at ~60-100 rows a page, a few thousand rows. */
    public static final int BATCH_PAGES = 100;
    private static final Set<String> INTEGER_TYPES = Set.of(
            "int", "integer", "int4", "bigint", "int8", "smallint", "int2", "serial", "bigserial", "smallserial",
            "serial4", "serial8", "serial2");

    private ColumnRecipes() {
    }

    public static Optional<String> integerPrimaryKey(Schema schema, String table) {
        Optional<Schema.Table> t = schema.table(table);
        if (t.isEmpty()) return Optional.empty();
        for (Schema.Constraint c : t.get().constraints()) {
            if (c.kind() == ConstraintKind.PRIMARY_KEY && c.columns().size() == 1) {
                String col = c.columns().get(0);
                String type = t.get().column(col).map(Schema.Column::type).orElse("");
                if (integerType(type)) return Optional.of(col);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code type} is an integer type, which key ranges can step. */
    public static boolean integerType(String type) {
        return INTEGER_TYPES.contains(type.strip().toLowerCase(Locale.ROOT));
    }

    /** Plain unquoted column type with the parenthesised length tight: {@code varchar (20)} -> {@code varchar(20)}. */
    public static String tidyType(String type) {
        return type == null ? null : type.strip().replaceAll("\\s+\\(", "(").replaceAll("\\s+", " ");
    }

    /** A literal for an UPDATE from Liquibase's defaultNullValue, quoted unless numeric or boolean. */
    public static String literal(String value) {
        String v = value.strip();
        if (v.matches("-?[0-9]+(\\.[0-9]+)?") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
                || v.startsWith("'")) return v;
        return "'" + v.replace("'", "''") + "'";
    }

    /**
     * {@link #literal} for a column of {@code type} (a database type, or null when unknown): on a boolean
     * column Liquibase's literal for the database ({@code 1} is {@code TRUE} on PostgreSQL, where {@code 1}
     * is an integer a boolean column rejects).
     */
    public static String literal(String database, String type, String value) {
        String typed = type == null ? null : DatabaseTypes.of(database).defaultLiteral(type, value);
        return typed != null ? typed : literal(value);
    }

}
