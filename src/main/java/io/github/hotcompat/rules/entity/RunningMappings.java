package io.github.hotcompat.rules.entity;

import io.github.hotcompat.dialect.DeployOrder;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityModel.ColumnMapping;
import io.github.hotcompat.entity.MappedTable;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the running version maps, in the words the entity rules use ({@code shop.User.notes at origin/main}). */
final class RunningMappings {
    private RunningMappings() {
    }

    /**
     * The running version when it must work on the schema the pending changesets leave:
     * {@link DeployOrder#MIGRATE_FIRST}. Under code-first it is gone before the migration runs.
     */
    static Optional<RunningVersion> servingDuringMigration(RuleContext ctx) {
        return ctx.target().deployOrder() == DeployOrder.MIGRATE_FIRST ? ctx.runningVersion() : Optional.empty();
    }

    /** {@code shop.User.notes}: the class declaring the attribute and its path; implicit columns name the entity. */
    static String attribute(ColumnMapping m) {
        if (m.column().field() == null) {
            return m.table().entityClass() + " (its implicit column " + m.column().name() + ")";
        }
        String declaring = m.column().entityClass() != null ? m.column().entityClass() : m.table().entityClass();
        return declaring + "." + m.column().field();
    }

    /** Each attribute of the running version mapping {@code table.column}, e.g. {@code shop.User.notes}. */
    static List<String> columnMappers(RunningVersion running, String table, String column) {
        Set<String> out = new LinkedHashSet<>();
        for (ColumnMapping m : running.entities().mappingsOf(table, column)) out.add(attribute(m));
        return new ArrayList<>(out);
    }

    /** Each mapping of the running version using {@code table}, e.g. {@code entity shop.User}. */
    static List<String> tableMappers(RunningVersion running, String table) {
        Set<String> out = new LinkedHashSet<>();
        for (MappedTable t : running.entities().tablesNamed(table)) out.add(EntityMappings.describe(t));
        return new ArrayList<>(out);
    }

    /** {@code the running version's shop.User.notes at origin/main}. */
    static String phrase(RunningVersion running, List<String> mappers) {
        return "the running version's " + EntityMappings.joined(mappers) + " " + running.where();
    }

    /**
     * The running version's native queries that this build does not have itself (same SQL in the
     * same method), so one query both versions run is reported once.
     */
    static List<NativeQuery> queriesNotIn(RunningVersion running, Optional<EntityModel> thisBuild) {
        List<NativeQuery> own = thisBuild.map(EntityModel::nativeQueries).orElse(List.of());
        return running.entities().nativeQueries().stream().filter(q -> !own.contains(q)).toList();
    }
}
