package io.github.hotcompat.rules;

import java.util.List;
import java.util.Optional;

/** Every rule of the product, in report order. Adding a rule is adding it here. */
public final class RuleCatalog {
    private static final List<Rule> ALL = List.of(
            new IndexNotConcurrent(),
            new ConcurrentIndexInTransaction(),
            new DropIndexNotConcurrent(),
            new AddForeignKey(),
            new AddCheckConstraint(),
            new AddUniqueConstraint(),
            new AddPrimaryKey(),
            new RenameColumn(),
            new RenameTable(),
            new DropColumn(),
            new DropTable(),
            new AddColumnDefault(),
            new AddRequiredColumn(),
            new SetNotNullRule(),
            new ChangeColumnType(),
            new AddSerialOrGeneratedColumn(),
            new MissingLockTimeout(),
            new DdlWithBackfill(),
            new UnbatchedBackfill(),
            new RunAlwaysNotIdempotent(),
            new SqlNotAnalyzed(),
            new UnusedSuppression(),
            new DeployedChangeSetModified(),
            new ColumnStillMapped(),
            new TableStillMapped(),
            new EntitySchemaMismatch(),
            new MappedBeforeCreated(),
            new RequiredColumnNotWritten(),
            new CachedPlanResultChange());

    private RuleCatalog() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
