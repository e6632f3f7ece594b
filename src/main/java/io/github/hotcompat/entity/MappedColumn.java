package io.github.hotcompat.entity;

/**
 * A column the application maps.
 *
 * @param name physical name, quoted as {@code "Name"} when written quoted (see {@link io.github.hotcompat.sql.Identifier})
 * @param entityClass binary name of the class declaring the attribute (an entity, mapped superclass)
 * @param field attribute path, e.g. {@code address.street} for an embedded attribute; null for
 *     columns no attribute declares (discriminator, primary key of a joined subclass or secondary table)
 * @param insertable whether Hibernate's INSERT for the entity writes it: false when every attribute on
 *     it says {@code insertable = false}
 */
public record MappedColumn(String name, String entityClass, String field, boolean insertable) {

    /** A column the entity's INSERTs write. */
    public MappedColumn(String name, String entityClass, String field) {
        this(name, entityClass, field, true);
    }
}
