package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropTable;
import io.github.hotcompat.extract.Operation.RenameTable;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.ApplicationStep;
import io.github.hotcompat.recipe.CompatibilityView;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dropped or renamed table that the build's entities still map: as an entity table, a
 * {@code @SecondaryTable}, a join table or an element-collection table; or that native SQL of the
 * application names.
 */
@RuleInfo(id = "table-still-mapped", severity = Severity.ERROR,
        summary = "a dropped or renamed table that an entity class in the build output still maps")
public final class TableStillMapped implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Optional<EntityModel> model = ctx.entities();
        Optional<RunningVersion> running = RunningMappings.servingDuringMigration(ctx);
        if (model.isEmpty() && running.isEmpty()) return;
        String table;
        String newName = null;
        if (op instanceof DropTable d) {
            table = d.table();
        } else if (op instanceof RenameTable r) {
            table = r.table();
            newName = r.newName();
        } else {
            return;
        }
        // the plan's own form: a view under the old name keeps the running version's mapping working
        if (newName != null && io.github.hotcompat.rules.compat.RenameTable.hasCompatibilityView(ctx, table)) return;
        String change = newName == null ? "DROP TABLE " + table : "ALTER TABLE " + table + " RENAME TO " + newName;
        String verb = newName == null ? "drops" : "renames";
        List<String> mappers = model.map(m -> EntityMappings.describeTable(m, table)).orElse(List.of());
        List<String> runningMappers = running.map(r -> RunningMappings.tableMappers(r, table)).orElse(List.of());
        if (!mappers.isEmpty()) {
            String who = EntityMappings.joined(mappers);
            String alsoRunning = runningMappers.isEmpty() ? ""
                    : " (and so does " + RunningMappings.phrase(running.get(), runningMappers) + ")";
            ctx.finding(this).table(table)
                    .message(change + ", but " + who + " still maps " + table + alsoRunning)
                    .why("The old version keeps serving during the rolling deploy and Hibernate reads and writes " + table
                            + " for " + who + ": once the changeset " + verb + " it, every such request fails "
                            + "(relation does not exist). This build still maps it too.")
                    .cure(cure(op, ctx, table, newName))
                    .report();
        } else if (!runningMappers.isEmpty()) {
            String who = RunningMappings.phrase(running.get(), runningMappers);
            ctx.finding(this).table(table)
                    .message(change + ", but " + who + " still maps " + table + " (this build no longer does)")
                    .why("The migration runs while the running version still serves (deployOrder migrate-first): its "
                            + "Hibernate reads and writes " + table + ", so from the moment the changeset " + verb
                            + " it every such request fails (relation does not exist) until this build has replaced it everywhere.")
                    .cure(cure(op, ctx, table, newName))
                    .report();
        }
        List<NativeQuery> queries = new ArrayList<>(model.map(EntityModel::nativeQueries).orElse(List.of()));
        int own = queries.size();
        running.ifPresent(r -> queries.addAll(RunningMappings.queriesNotIn(r, model)));
        for (int i = 0; i < queries.size(); i++) {
            NativeQuery q = queries.get(i);
            if (!NativeSqlReferences.of(q.sql()).namesTable(table)) continue;
            String who = EntityMappings.describe(q) + (i < own ? "" : " in the running version " + running.get().where());
            ctx.finding(this).table(table)
                    .message(change + ", but " + who + " still names " + table + ": " + EntityMappings.oneLine(q.sql()))
                    .why("The old version keeps running this native SQL during the rolling deploy; once the changeset "
                            + verb + " " + table + " it fails with 'relation does not exist'.")
                    .cure(cure(op, ctx, table, newName))
                    .report();
        }
    }

    /** The drop or rename's own recipe, the one drop-table or rename-table asks for too: one plan for the changeset. */
    private static Recipe cure(Operation op, RuleContext ctx, String table, String newName) {
        ApplicationStep users = EntityMappings.tableUsers(ctx.entities(), table);
        return newName == null ? DropAfterUse.table((DropTable) op, ctx, users)
                : CompatibilityView.table(op, table, newName, ctx, users);
    }
}
