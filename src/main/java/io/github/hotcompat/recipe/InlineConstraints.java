package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.AddColumnChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column added to an existing table with inline constraints (REFERENCES, UNIQUE, PRIMARY KEY):
 * the plain column first, then each constraint by its own safe route (NOT VALID + VALIDATE, a
 * concurrent unique index attached with USING INDEX). One recipe for the column, whichever rules
 * ask for it, so no constraint of the column is lost to another's rewrite.
 */
public final class InlineConstraints {
    private InlineConstraints() {
    }

    public static Recipe of(AddColumn add, RecipeContext ctx) {
        String table = add.table();
        String column = add.column().name();
        String author = ctx.changeSet().author();
        Optional<InlineReference> ref = reference(ctx, add);
        boolean primaryKey = add.column().primaryKey();
        boolean unique = add.column().unique() && !primaryKey;
        String pkName = table + "_pkey";
        List<String> nullable = primaryKey ? UniqueViaIndex.nullableKeyColumns(ctx, table, List.of(column)) : List.of();

        List<String> steps = new ArrayList<>();
        steps.add("add " + column + " without its inline constraints");
        ref.ifPresent(r -> steps.add("its foreign key NOT VALID" + (r.notValid() ? "" : ", validated in its own changeset")));
        if (unique) steps.add("its unique index built concurrently, then attached as the constraint");
        if (primaryKey) steps.add(UniqueViaIndex.primaryKeySummary(nullable));

        Recipe.Builder r = Recipe.builder("inline-constraints:" + (table + "." + column).toLowerCase(Locale.ROOT))
                .replaces(add).rank(ConcurrentIndex.RANK);
        Plan.Builder b = r.plan().deploy(String.join("; ", steps));
        String addColumn = addPlainColumn(add);
        List<String> dropColumn = List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + column);
        if (ref.isPresent()) {
            InlineReference fk = ref.get();
            String definition = "FOREIGN KEY (" + column + ") REFERENCES " + fk.referencedTable()
                    + (fk.referencedColumns().isEmpty() ? "" : " " + ConstraintStatements.cols(fk.referencedColumns()))
                    + fk.actions();
            // the column and its NOT VALID key in one transaction: no moment with the column unchecked
            NotValidConstraint.append(b, ctx, table, fk.name(),
                    List.of(addColumn, NotValidConstraint.addNotValid(table, fk.name(), definition)), dropColumn, !fk.notValid());
            if (!fk.notValid()) NotValidConstraint.foreignKeyNotes(b, table, fk.referencedTable());
        } else {
            b.changeSet(new PlanChangeSet(ctx.rewriteId(column + "-add"), author, true, List.of(addColumn), dropColumn, null)
                    .locking());
        }
        if (unique) {
            UniqueViaIndex.appendUnique(b, ctx, table, ConstraintStatements.generatedName(table, List.of(column), "key"),
                    List.of(column), false);
        }
        if (primaryKey) UniqueViaIndex.appendPrimaryKey(b, ctx, table, pkName, List.of(column), nullable);
        return r.build();
    }

    /** An inline foreign key of an added column, as a table constraint: name, referenced columns, actions. */
    public record InlineReference(String name, String referencedTable, List<String> referencedColumns, String actions,
                           boolean notValid) {}

    public static Optional<InlineReference> reference(RecipeContext ctx, AddColumn op) {
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
            return Optional.of(new InlineReference(name != null ? name : ConstraintStatements.generatedName(table, List.of(c.name()), "fkey"),
                    c.references(), refCols, NotValidConstraint.actionsAfterReferences(op.origin().sql(), c.references()), false));
        }
        if (ConstraintStatements.change(ctx, op) instanceof AddColumnChange change) {
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
                        : ConstraintStatements.generatedName(table, List.of(c.name()), "fkey");
                return Optional.of(new InlineReference(name, c.references(), refCols, actions,
                        Boolean.FALSE.equals(cc.getValidateForeignKey())));
            }
        }
        return Optional.of(new InlineReference(ConstraintStatements.generatedName(table, List.of(c.name()), "fkey"), c.references(),
                List.of(), "", false));
    }

    /**
     * {@code ALTER TABLE t ADD COLUMN ...} without the inline PRIMARY KEY / UNIQUE / REFERENCES, which
     * the rewrites add afterwards without the long lock.
     */
    static String addPlainColumn(AddColumn op) {
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
    static String literal(String value, boolean alreadySql) {
        if (alreadySql || value.matches("-?[0-9]+(\\.[0-9]+)?") || value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("false")) return value;
        return "'" + value.replace("'", "''") + "'";
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        Arrays.stream(csv.split(",")).map(s -> s.strip().replace("\"", "")).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
