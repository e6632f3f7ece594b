package io.github.hotcompat.rules;

import io.github.hotcompat.rules.changelog.DeployedChangeSetModified;
import io.github.hotcompat.rules.changelog.RunAlwaysNotIdempotent;
import io.github.hotcompat.rules.changelog.SqlNotAnalyzed;
import io.github.hotcompat.rules.changelog.UnusedSuppression;
import io.github.hotcompat.rules.compat.AddRequiredColumn;
import io.github.hotcompat.rules.compat.AlterEnumType;
import io.github.hotcompat.rules.compat.DropColumn;
import io.github.hotcompat.rules.compat.DropTable;
import io.github.hotcompat.rules.compat.RenameColumn;
import io.github.hotcompat.rules.compat.RenameTable;
import io.github.hotcompat.rules.entity.CachedPlanResultChange;
import io.github.hotcompat.rules.entity.ColumnStillMapped;
import io.github.hotcompat.rules.entity.EntitySchemaMismatch;
import io.github.hotcompat.rules.entity.MappedBeforeCreated;
import io.github.hotcompat.rules.entity.RequiredColumnNotWritten;
import io.github.hotcompat.rules.entity.TableStillMapped;
import io.github.hotcompat.rules.locks.AddCheckConstraint;
import io.github.hotcompat.rules.locks.AddColumnDefault;
import io.github.hotcompat.rules.locks.AddExclusionConstraint;
import io.github.hotcompat.rules.locks.AddForeignKey;
import io.github.hotcompat.rules.locks.AddPrimaryKey;
import io.github.hotcompat.rules.locks.AddSerialOrGeneratedColumn;
import io.github.hotcompat.rules.locks.AddUniqueConstraint;
import io.github.hotcompat.rules.locks.AttachPartition;
import io.github.hotcompat.rules.locks.ChangeColumnType;
import io.github.hotcompat.rules.locks.ConcurrentIndexInTransaction;
import io.github.hotcompat.rules.locks.DdlWithBackfill;
import io.github.hotcompat.rules.locks.DetachPartitionNotConcurrent;
import io.github.hotcompat.rules.locks.DropIndexNotConcurrent;
import io.github.hotcompat.rules.locks.IndexNotConcurrent;
import io.github.hotcompat.rules.locks.IntPrimaryKey;
import io.github.hotcompat.rules.locks.MissingLockTimeout;
import io.github.hotcompat.rules.locks.RefreshMatviewNotConcurrent;
import io.github.hotcompat.rules.locks.SetNotNullRule;
import io.github.hotcompat.rules.locks.TracedBlockingDdl;
import io.github.hotcompat.rules.locks.TriggerDdl;
import io.github.hotcompat.rules.locks.UnbatchedBackfill;
import io.github.hotcompat.rules.locks.ValidateInSameTransaction;

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
            new io.github.hotcompat.rules.locks.VacuumFullOrCluster(),
            new io.github.hotcompat.rules.locks.ExplicitLockTable(),
            new io.github.hotcompat.rules.compat.TruncateTable(),
            new io.github.hotcompat.rules.locks.SetLoggedUnlogged(),
            new MissingLockTimeout(),
            new DdlWithBackfill(),
            new UnbatchedBackfill(),
            new RunAlwaysNotIdempotent(),
            new IntPrimaryKey(),
            new RefreshMatviewNotConcurrent(),
            new TriggerDdl(),
            new AlterEnumType(),
            new ValidateInSameTransaction(),
            new AddExclusionConstraint(),
            new AttachPartition(),
            new DetachPartitionNotConcurrent(),
            new io.github.hotcompat.rules.mysql.AlgorithmCopy(),
            new SqlNotAnalyzed(),
            new UnusedSuppression(),
            new DeployedChangeSetModified(),
            new ColumnStillMapped(),
            new TableStillMapped(),
            new EntitySchemaMismatch(),
            new MappedBeforeCreated(),
            new RequiredColumnNotWritten(),
            new CachedPlanResultChange(),
            new TracedBlockingDdl());

    private RuleCatalog() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
