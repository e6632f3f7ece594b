package io.github.hotcompat.entity;

import io.github.hotcompat.sql.Identifier;

import java.util.List;

/**
 * A table the application maps.
 *
 * @param name physical name, quoted as {@code "Name"} when written quoted (see {@link io.github.hotcompat.sql.Identifier})
 * @param schema schema from the mapping, or null
 * @param entityClass binary name of the entity that owns the table
 */
public record MappedTable(String name, String schema, String entityClass, Kind kind, List<MappedColumn> columns) {

    public MappedTable {
        columns = List.copyOf(columns);
    }

    public enum Kind { ENTITY, SECONDARY_TABLE, JOIN_TABLE, COLLECTION_TABLE }

    public boolean hasColumn(String column) {
        return columns.stream().anyMatch(c -> Identifier.same(c.name(), column));
    }
}
