package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.replay.Schema;
import liquibase.change.Change;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the recipes read of constraints and changes: PostgreSQL's generated constraint names, the
 * Liquibase change an operation came from, what the replay knows of a column. The statements
 * themselves are written by the recipe classes.
 */
public final class ConstraintStatements {
    /** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
    private static final int MAX_IDENTIFIER = 63;
    private ConstraintStatements() {
    }

    /** The name PostgreSQL generates: {@code <table>_<cols>_<suffix>} (fkey, key, check), {@code <table>_pkey}. */
    public static String generatedName(String table, List<String> columns, String suffix) {
        String name = columns.isEmpty() ? table + "_" + suffix : table + "_" + String.join("_", columns) + "_" + suffix;
        return name.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER) : name;
    }

    public static String constraintName(AddConstraint op, Schema schema) {
        if (op.name() != null) return op.name();
        return switch (op.kind()) {
            case FOREIGN_KEY -> generatedName(op.table(), op.columns(), "fkey");
            case UNIQUE -> generatedName(op.table(), op.columns(), "key");
            case PRIMARY_KEY -> op.table() + "_pkey";
            case CHECK -> generatedName(op.table(), firstColumnIn(op.check(), op.table(), schema), "check");
            case EXCLUDE -> generatedName(op.table(), op.columns(), "excl");
        };
    }

    /** PostgreSQL names a check after the first column its expression mentions, when the schema knows the columns. */
    private static List<String> firstColumnIn(String expression, String table, Schema schema) {
        if (expression == null) return List.of();
        Optional<Schema.Table> t = schema.table(table);
        if (t.isEmpty()) return List.of();
        Matcher m = Pattern.compile("\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_]*)").matcher(expression);
        while (m.find()) {
            String word = m.group(1) != null ? m.group(1) : m.group(2);
            Optional<Schema.Column> c = t.get().column(word);
            if (c.isPresent()) return List.of(c.get().name());
        }
        return List.of();
    }

    /** The Liquibase change an operation came from. */
    public static Change change(RecipeContext ctx, Operation op) {
        List<Change> changes = ctx.changeSet().changeSet().getChanges();
        int i = op.origin().changeIndex();
        return i >= 0 && i < changes.size() ? changes.get(i) : null;
    }

    public static String cols(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }

    /** Whether the schema knows {@code table.column} to be NOT NULL (false when unknown). */
    public static boolean knownNotNull(Schema schema, String table, String column) {
        return schema.column(table, column).map(c -> !c.nullable()).orElse(false);
    }

}
