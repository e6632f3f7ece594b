package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityModel.ColumnMapping;
import io.github.hotcompat.entity.MappedColumn;
import io.github.hotcompat.entity.MappedTable;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.recipe.ApplicationStep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Wording shared by the entity rules: who maps a column or table, in the user's names. */
public final class EntityMappings {
    private EntityMappings() {
    }

    /** {@code field email of entity com.acme.Customer}, naming a mapped superclass when it declares the field. */
    public static String describe(ColumnMapping m) {
        MappedTable t = m.table();
        MappedColumn c = m.column();
        if (c.field() == null) {
            return "entity " + t.entityClass() + " (its implicit " + roleOf(t) + " column " + c.name() + ")";
        }
        String declaring = c.entityClass();
        if (declaring == null || declaring.equals(t.entityClass())) {
            return "field " + c.field() + " of entity " + t.entityClass();
        }
        return "field " + c.field() + " of " + declaring + " (inherited or embedded by entity " + t.entityClass() + ")";
    }

    private static String roleOf(MappedTable t) {
        return t.kind() == MappedTable.Kind.ENTITY ? "discriminator or key join" : "key join";
    }

    /** Distinct descriptions of every attribute mapping {@code table.column}. */
    public static List<String> describeColumn(EntityModel model, String table, String column) {
        Set<String> out = new LinkedHashSet<>();
        for (ColumnMapping m : model.mappingsOf(table, column)) out.add(describe(m));
        return new ArrayList<>(out);
    }

    /** {@code entity com.acme.Customer}, or the association that owns a join/collection/secondary table. */
    public static String describe(MappedTable t) {
        return switch (t.kind()) {
            case ENTITY -> "entity " + t.entityClass();
            case SECONDARY_TABLE -> "entity " + t.entityClass() + " (@SecondaryTable)";
            case JOIN_TABLE, COLLECTION_TABLE -> {
                Set<String> fields = new LinkedHashSet<>();
                for (MappedColumn c : t.columns()) if (c.field() != null) fields.add(c.field());
                String what = t.kind() == MappedTable.Kind.JOIN_TABLE ? "join table" : "collection table";
                yield fields.isEmpty() ? "a " + what + " of entity " + t.entityClass()
                        : "the " + what + " of field " + String.join(", ", fields) + " of entity " + t.entityClass();
            }
        };
    }

    public static List<String> describeTable(EntityModel model, String table) {
        Set<String> out = new LinkedHashSet<>();
        for (MappedTable t : model.tablesNamed(table)) out.add(describe(t));
        return new ArrayList<>(out);
    }

    /** {@code the native query of com.acme.CustomerRepository#findByEmail}. */
    public static String describe(NativeQuery q) {
        return "the native query of " + q.className() + (q.methodName() != null ? "#" + q.methodName() : " (@NamedNativeQuery)");
    }

    /**
     * Who in the build's application uses {@code table.column} (entity attributes, native queries), for
     * the application steps of a recipe; every rule asking for the recipe of one drop or rename passes
     * the same, so they get one identical recipe.
     */
    public static ApplicationStep columnUsers(Optional<EntityModel> model, String table, String column) {
        if (model.isEmpty()) return ApplicationStep.UNKNOWN;
        List<String> queries = model.get().nativeQueries().stream()
                .filter(q -> NativeSqlReferences.of(q.sql()).namesColumn(table, column))
                .map(EntityMappings::describe).distinct().toList();
        return new ApplicationStep(describeColumn(model.get(), table, column), queries);
    }

    /** Who in the build's application uses {@code table}, as {@link #columnUsers} for a column. */
    public static ApplicationStep tableUsers(Optional<EntityModel> model, String table) {
        if (model.isEmpty()) return ApplicationStep.UNKNOWN;
        List<String> queries = model.get().nativeQueries().stream()
                .filter(q -> NativeSqlReferences.of(q.sql()).namesTable(table))
                .map(EntityMappings::describe).distinct().toList();
        return new ApplicationStep(describeTable(model.get(), table), queries);
    }

    public static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    public static String joined(List<String> parts) {
        if (parts.size() <= 1) return parts.isEmpty() ? "" : parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
