package io.github.hotcompat.entity;

import java.util.List;
import java.util.Optional;

/**
 * What the scanned classes map. Names compare per {@link Identifiers#matches}.
 *
 * @param notAnalysed one line per thing that could not be analysed (missing classes, orm.xml)
 */
public record EntityModel(List<MappedTable> tables, List<NativeQuery> nativeQueries, List<String> notAnalysed) {

    public EntityModel {
        tables = List.copyOf(tables);
        nativeQueries = List.copyOf(nativeQueries);
        notAnalysed = List.copyOf(notAnalysed);
    }

    /** The table of that name in any schema. */
    public Optional<MappedTable> table(String name) {
        return tables.stream().filter(t -> Identifiers.matches(t.name(), name)).findFirst();
    }

    /** The table of that name; a null schema matches any schema. */
    public Optional<MappedTable> table(String schema, String name) {
        return tables.stream()
                .filter(t -> Identifiers.matches(t.name(), name))
                .filter(t -> schema == null || t.schema() == null || Identifiers.matches(t.schema(), schema))
                .findFirst();
    }

    public boolean maps(String table, String column) {
        return tables.stream().anyMatch(t -> Identifiers.matches(t.name(), table) && t.hasColumn(column));
    }

    public List<MappedColumn> columnsOf(String table) {
        return table(table).map(MappedTable::columns).orElse(List.of());
    }
}
