package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropColumn;
import io.github.hotcompat.extract.Operation.RenameColumn;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.ApplicationStep;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.recipe.ExpandContractRename;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dropped or renamed column that the build's entity classes (or their native SQL) still use. The
 * old version keeps running during a rolling deploy and Hibernate lists every mapped column in its
 * SELECT and INSERT statements, so each request touching the entity fails once the column is gone.
 */
@RuleInfo(id = "column-still-mapped", severity = Severity.ERROR,
        summary = "a dropped or renamed column that an entity class in the build output still maps")
public final class ColumnStillMapped implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Optional<EntityModel> model = ctx.entities();
        Optional<RunningVersion> running = RunningMappings.servingDuringMigration(ctx);
        if (model.isEmpty() && running.isEmpty()) return;
        String table;
        String column;
        String newName = null;
        if (op instanceof DropColumn d) {
            table = d.table();
            column = d.column();
        } else if (op instanceof RenameColumn r) {
            table = r.table();
            column = r.column();
            newName = r.newName();
        } else {
            return;
        }
        if (ctx.columnComesBack(op, table, column)) return; // swapped within one transaction: still there
        String verb = newName == null ? "drops" : "renames";
        String change = newName == null ? "DROP COLUMN " + column : "RENAME COLUMN " + column + " TO " + newName;

        List<String> mappers = model.map(m -> EntityMappings.describeColumn(m, table, column)).orElse(List.of());
        List<String> runningMappers = running.map(r -> RunningMappings.columnMappers(r, table, column)).orElse(List.of());
        if (!mappers.isEmpty()) {
            String who = EntityMappings.joined(mappers);
            String alsoRunning = runningMappers.isEmpty() ? ""
                    : " (and so does " + RunningMappings.phrase(running.get(), runningMappers) + ")";
            ctx.finding(this).table(table).column(column)
                    .message(change + " on " + table + ", but " + who + " still maps " + table + "." + column + alsoRunning)
                    .why("While the old version keeps serving during the rolling deploy, Hibernate selects and inserts "
                            + "every mapped column of the entity: once the changeset " + verb + " " + table + "." + column
                            + ", each load, insert or update of it fails (column does not exist). This build still maps "
                            + "it too, so the new version would not even pass Hibernate's schema validation.")
                    .cure(cure(op, ctx, table, column))
                    .report();
        } else if (!runningMappers.isEmpty()) {
            String who = RunningMappings.phrase(running.get(), runningMappers);
            ctx.finding(this).table(table).column(column)
                    .message(change + " on " + table + ", but " + who + " still maps " + table + "." + column
                            + " (this build no longer does)")
                    .why("The migration runs while the running version still serves (deployOrder migrate-first): its "
                            + "Hibernate selects and inserts every mapped column, so from the moment the changeset "
                            + verb + " " + table + "." + column + " each load, insert or update of "
                            + EntityMappings.joined(runningMappers) + " fails (column does not exist) until this "
                            + "build has replaced it everywhere.")
                    .cure(cure(op, ctx, table, column))
                    .report();
        }
        List<NativeQuery> queries = new ArrayList<>(model.map(EntityModel::nativeQueries).orElse(List.of()));
        int own = queries.size();
        running.ifPresent(r -> queries.addAll(RunningMappings.queriesNotIn(r, model)));
        for (int i = 0; i < queries.size(); i++) {
            NativeQuery q = queries.get(i);
            if (!NativeSqlReferences.of(q.sql()).namesColumn(table, column)) continue;
            String who = EntityMappings.describe(q) + (i < own ? "" : " in the running version " + running.get().where());
            ctx.finding(this).table(table).column(column)
                    .message(change + " on " + table + ", but " + who + " still names " + table + "." + column + ": "
                            + EntityMappings.oneLine(q.sql()))
                    .why("The old version keeps running this native SQL during the rolling deploy; once the changeset "
                            + verb + " " + table + "." + column + " it fails with 'column does not exist'.")
                    .cure(cure(op, ctx, table, column))
                    .report();
        }
    }

    /**
     * The drop or rename's own recipe, the one drop-column or rename-column asks for too: one plan for
     * the changeset, whose application steps name every attribute and native query using the column.
     */
    private static Recipe cure(Operation op, RuleContext ctx, String table, String column) {
        ApplicationStep users = EntityMappings.columnUsers(ctx.entities(), table, column);
        return op instanceof RenameColumn r ? ExpandContractRename.of(r, ctx, users)
                : DropAfterUse.column((DropColumn) op, ctx, users);
    }
}
