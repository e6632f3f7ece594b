package io.github.hotcompat.entity;

import java.util.Objects;

/**
 * The application version that serves traffic while this release deploys, and what it maps.
 *
 * @param where    where its mappings were read, as the messages say it: {@code at origin/main} (its
 *                 sources at the {@code since} revision) or {@code in shop-1.4.2.jar} (the {@code previousVersion} artifact)
 * @param entities its entities and native queries, mapped by the same {@link EntityScanner} as this build's
 */
public record RunningVersion(String where, EntityModel entities) {
    public RunningVersion {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(entities, "entities");
    }
}
