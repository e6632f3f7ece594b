package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.replay.Schema;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL pieces shared by the constraint, rename and drop rules' rewrites: PostgreSQL's generated
 * constraint names, column definitions without inline constraints, referential actions as written.
 */
public final class ConstraintStatements {
    /** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
    private static final int MAX_IDENTIFIER = 63;
    private static final Pattern REFERENTIAL_ACTIONS = Pattern.compile(
            "(?is)\\G((?:\\s+(?:ON\\s+(?:DELETE|UPDATE)\\s+(?:CASCADE|RESTRICT|NO\\s+ACTION|SET\\s+NULL|SET\\s+DEFAULT)"
                    + "(?:\\s*\\([^)]*\\))?|MATCH\\s+(?:FULL|SIMPLE|PARTIAL)|NOT\\s+DEFERRABLE|DEFERRABLE"
                    + "|INITIALLY\\s+(?:DEFERRED|IMMEDIATE)))*)");

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

    /**
     * A CHECK's expression as written: the operation's copy is re-joined from tokens ({@code > =}), so
     * SQL-sourced checks are cut from the statement text, balancing parentheses.
     */
    public static String checkExpression(AddConstraint op) {
        if (!op.origin().fromSql()) return op.check();
        String sql = op.origin().sql();
        Matcher m = Pattern.compile("(?i)\\bCHECK\\s*\\(").matcher(sql);
        while (m.find()) {
            int depth = 1;
            boolean quoted = false;
            for (int i = m.end(); i < sql.length(); i++) {
                char ch = sql.charAt(i);
                if (ch == '\'') quoted = !quoted;
                else if (!quoted && ch == '(') depth++;
                else if (!quoted && ch == ')' && --depth == 0) {
                    String expr = sql.substring(m.end(), i).strip();
                    if (expr.replaceAll("\\s+", "").equals(op.check().replaceAll("\\s+", ""))) return expr;
                    break;
                }
            }
        }
        return op.check();
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

    /** {@code REFERENCES t (cols) [ON DELETE ...]} of a foreign key, as the changelog wrote it. */
    public static String referencesClause(RecipeContext ctx, AddConstraint op) {
        StringBuilder sb = new StringBuilder("REFERENCES ").append(op.referencedTable());
        if (!op.referencedColumns().isEmpty()) sb.append(' ').append(cols(op.referencedColumns()));
        if (op.origin().fromSql()) {
            sb.append(actionsAfterReferences(op.origin().sql(), op.referencedTable()));
        } else if (change(ctx, op) instanceof AddForeignKeyConstraintChange c) {
            String onDelete = c.getOnDelete() != null ? c.getOnDelete()
                    : Boolean.TRUE.equals(c.getDeleteCascade()) ? "CASCADE" : null;
            if (onDelete != null) sb.append(" ON DELETE ").append(onDelete.toUpperCase(Locale.ROOT));
            if (c.getOnUpdate() != null) sb.append(" ON UPDATE ").append(c.getOnUpdate().toUpperCase(Locale.ROOT));
            if (Boolean.TRUE.equals(c.getDeferrable())) sb.append(" DEFERRABLE");
            if (Boolean.TRUE.equals(c.getInitiallyDeferred())) sb.append(" INITIALLY DEFERRED");
        }
        return sb.toString();
    }

    /** The ON DELETE / ON UPDATE / MATCH / DEFERRABLE clauses following {@code REFERENCES <table> [(cols)]} in {@code sql}. */
    public static String actionsAfterReferences(String sql, String referencedTable) {
        Matcher ref = Pattern.compile("(?is)REFERENCES\\s+(?:[\\w\"]+\\.)?\"?" + Pattern.quote(referencedTable)
                + "\"?\\s*(\\([^)]*\\))?").matcher(sql);
        if (!ref.find()) return "";
        Matcher actions = REFERENTIAL_ACTIONS.matcher(sql);
        if (!actions.find(ref.end())) return "";
        String a = actions.group(1).strip().replaceAll("\\s+", " ");
        return a.isEmpty() ? "" : " " + a;
    }

    /** An inline foreign key of an added column, as a table constraint: name, referenced columns, actions. */
    public record InlineReference(String name, String referencedTable, List<String> referencedColumns, String actions,
                           boolean notValid) {}

    public static Optional<InlineReference> inlineReference(RecipeContext ctx, AddColumn op) {
        ColumnDef c = op.column();
        if (c.references() == null) return Optional.empty();
        String table = op.table();
        if (op.origin().fromSql()) {
            Matcher m = Pattern.compile("(?is)(?:CONSTRAINT\\s+(\"[^\"]+\"|\\w+)\\s+)?REFERENCES\\s+(?:[\\w\"]+\\.)?\"?"
                    + Pattern.quote(c.references()) + "\"?\\s*(?:\\(([^)]*)\\))?").matcher(op.origin().sql());
            String name = null;
            List<String> refCols = List.of();
            if (m.find()) {
                name = m.group(1) == null ? null : m.group(1).replace("\"", "");
                refCols = m.group(2) == null ? List.of() : split(m.group(2));
            }
            return Optional.of(new InlineReference(name != null ? name : generatedName(table, List.of(c.name()), "fkey"),
                    c.references(), refCols, actionsAfterReferences(op.origin().sql(), c.references()), false));
        }
        if (change(ctx, op) instanceof AddColumnChange change) {
            for (ColumnConfig col : change.getColumns()) {
                ConstraintsConfig cc = col.getConstraints();
                if (cc == null || !c.name().equalsIgnoreCase(col.getName())) continue;
                List<String> refCols = cc.getReferencedColumnNames() != null ? split(cc.getReferencedColumnNames())
                        : cc.getReferences() != null && cc.getReferences().contains("(")
                        ? split(cc.getReferences().replaceAll("^[^(]*\\(|\\).*$", "")) : List.of();
                String actions = Boolean.TRUE.equals(cc.isDeleteCascade()) ? " ON DELETE CASCADE" : "";
                if (Boolean.TRUE.equals(cc.isDeferrable())) actions += " DEFERRABLE";
                if (Boolean.TRUE.equals(cc.isInitiallyDeferred())) actions += " INITIALLY DEFERRED";
                String name = cc.getForeignKeyName() != null ? cc.getForeignKeyName()
                        : generatedName(table, List.of(c.name()), "fkey");
                return Optional.of(new InlineReference(name, c.references(), refCols, actions,
                        Boolean.FALSE.equals(cc.getValidateForeignKey())));
            }
        }
        return Optional.of(new InlineReference(generatedName(table, List.of(c.name()), "fkey"), c.references(),
                List.of(), "", false));
    }

    /**
     * {@code ALTER TABLE t ADD COLUMN ...} without the inline PRIMARY KEY / UNIQUE / REFERENCES, which
     * the rewrites add afterwards without the long lock.
     */
    public static String addPlainColumn(AddColumn op) {
        ColumnDef c = op.column();
        StringBuilder sb = new StringBuilder("ALTER TABLE ").append(op.table()).append(" ADD COLUMN ")
                .append(c.name()).append(' ').append(c.type());
        if (c.generated() != null) sb.append(' ').append(c.generated());
        if (c.hasDefault()) sb.append(" DEFAULT ").append(literal(c.defaultValue(), c.defaultComputed() || op.origin().fromSql()));
        boolean serial = c.type().toLowerCase(Locale.ROOT).contains("serial");
        if (!c.nullable() && !c.primaryKey() && !serial) sb.append(" NOT NULL");
        return sb.toString();
    }

    /** A Liquibase default value as SQL: SQL-sourced and computed values are already SQL. */
    public static String literal(String value, boolean alreadySql) {
        if (alreadySql || value.matches("-?[0-9]+(\\.[0-9]+)?") || value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("false")) return value;
        return "'" + value.replace("'", "''") + "'";
    }

    /** Whether the schema knows {@code table.column} to be NOT NULL (false when unknown). */
    public static boolean knownNotNull(Schema schema, String table, String column) {
        return schema.column(table, column).map(c -> !c.nullable()).orElse(false);
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        Arrays.stream(csv.split(",")).map(s -> s.strip().replace("\"", "")).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
