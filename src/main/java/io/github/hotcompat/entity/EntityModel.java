package io.github.hotcompat.entity;

import io.github.hotcompat.sql.Identifier;

import java.util.List;
import java.util.Optional;

/**
 * What the scanned classes map. Names compare per {@link io.github.hotcompat.sql.Identifier#same}.
 *
 * @param notAnalysed one line per thing that could not be analysed (missing classes, orm.xml)
 * @param unreadable  one line per class file (or jar) the scan could not read, {@code <file or jar!entry>: <reason>}:
 *                    a newer class file version than ASM reads, a damaged file; the entity rules do not see it
 */
public record EntityModel(List<MappedTable> tables, List<NativeQuery> nativeQueries, List<String> notAnalysed,
                          List<String> unreadable) {

    public EntityModel {
        tables = List.copyOf(tables);
        nativeQueries = List.copyOf(nativeQueries);
        notAnalysed = List.copyOf(notAnalysed);
        unreadable = List.copyOf(unreadable);
    }

    public EntityModel(List<MappedTable> tables, List<NativeQuery> nativeQueries, List<String> notAnalysed) {
        this(tables, nativeQueries, notAnalysed, List.of());
    }

    /** The table of that name in any schema. */
    public Optional<MappedTable> table(String name) {
        return tables.stream().filter(t -> Identifier.same(t.name(), name)).findFirst();
    }

    /** The table of that name; a null schema matches any schema. */
    public Optional<MappedTable> table(String schema, String name) {
        return tables.stream()
                .filter(t -> Identifier.same(t.name(), name))
                .filter(t -> schema == null || t.schema() == null || Identifier.same(t.schema(), schema))
                .findFirst();
    }

    /** Whether any entity maps {@code table.column}, i.e. its inserts write it (asked by {@code add-required-column}). */
    public boolean maps(String table, String column) {
        return tables.stream().anyMatch(t -> Identifier.same(t.name(), table) && t.hasColumn(column));
    }

    /** Whether an INSERT of some entity writes {@code table.column}: mapped and not {@code insertable = false}. */
    public boolean writes(String table, String column) {
        return mappingsOf(table, column).stream().anyMatch(m -> m.column().insertable());
    }

    public List<MappedColumn> columnsOf(String table) {
        return table(table).map(MappedTable::columns).orElse(List.of());
    }

    /** Every mapping of a table of that name: one entity, secondary, join or collection table each. */
    public List<MappedTable> tablesNamed(String name) {
        return tables.stream().filter(t -> Identifier.same(t.name(), name)).toList();
    }

    /** Every attribute mapping {@code table.column}, with the table mapping it belongs to. */
    public List<ColumnMapping> mappingsOf(String table, String column) {
        return tablesNamed(table).stream()
                .flatMap(t -> t.columns().stream().filter(c -> Identifier.same(c.name(), column))
                        .map(c -> new ColumnMapping(t, c)))
                .toList();
    }

    /** A column with the table mapping that holds it. */
    public record ColumnMapping(MappedTable table, MappedColumn column) {
    }
}
