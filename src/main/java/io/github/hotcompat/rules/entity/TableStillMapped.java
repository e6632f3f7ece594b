package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropTable;
import io.github.hotcompat.extract.Operation.RenameTable;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
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
        String change = newName == null ? "DROP TABLE " + table : "ALTER TABLE " + table + " RENAME TO " + newName;
        String verb = newName == null ? "drops" : "renames";
        List<String> mappers = model.map(m -> EntityMappings.describeTable(m, table)).orElse(List.of());
        List<String> runningMappers = running.map(r -> RunningMappings.tableMappers(r, table)).orElse(List.of());
        if (!mappers.isEmpty()) {
            String who = EntityMappings.joined(mappers);
            String code = newName == null
                    ? "Delete " + who + " (or the association or collection using the table), so no running version reads or writes " + table + "."
                    : "Map " + who + " to " + newName + " (@Table / @JoinTable / @CollectionTable / @SecondaryTable name = \"" + newName + "\").";
            String alsoRunning = runningMappers.isEmpty() ? ""
                    : " (and so does " + RunningMappings.phrase(running.get(), runningMappers) + ")";
            ctx.finding(this).table(table)
                    .message(change + ", but " + who + " still maps " + table + alsoRunning)
                    .why("The old version keeps serving during the rolling deploy and Hibernate reads and writes " + table
                            + " for " + who + ": once the changeset " + verb + " it, every such request fails "
                            + "(relation does not exist). This build still maps it too.")
                    .rewrite(rewrite(ctx, table, newName, code))
                    .report();
        } else if (!runningMappers.isEmpty()) {
            String who = RunningMappings.phrase(running.get(), runningMappers);
            String code = newName == null
                    ? "None beyond this build: it no longer maps " + table + "; roll it out everywhere so that " + who + " stops serving."
                    : "Keep the mapping of this build on " + newName + "; the view serves " + who + " until it is gone.";
            ctx.finding(this).table(table)
                    .message(change + ", but " + who + " still maps " + table + " (this build no longer does)")
                    .why("The migration runs while the running version still serves (deployOrder migrate-first): its "
                            + "Hibernate reads and writes " + table + ", so from the moment the changeset " + verb
                            + " it every such request fails (relation does not exist) until this build has replaced it everywhere.")
                    .rewrite(rewrite(ctx, table, newName, code))
                    .report();
        }
        List<NativeQuery> queries = new ArrayList<>(model.map(EntityModel::nativeQueries).orElse(List.of()));
        int own = queries.size();
        running.ifPresent(r -> queries.addAll(RunningMappings.queriesNotIn(r, model)));
        for (int i = 0; i < queries.size(); i++) {
            NativeQuery q = queries.get(i);
            if (!NativeSqlReferences.of(q.sql()).namesTable(table)) continue;
            String who = EntityMappings.describe(q) + (i < own ? "" : " in the running version " + running.get().where());
            String code = newName == null ? "Remove the use of " + table + " from " + who + "."
                    : "Make " + who + " use " + newName + " instead of " + table + ".";
            ctx.finding(this).table(table)
                    .message(change + ", but " + who + " still names " + table + ": " + EntityMappings.oneLine(q.sql()))
                    .why("The old version keeps running this native SQL during the rolling deploy; once the changeset "
                            + verb + " " + table + " it fails with 'relation does not exist'.")
                    .rewrite(rewrite(ctx, table, newName, code))
                    .report();
        }
    }

    private static Plan rewrite(RuleContext ctx, String table, String newName, String code) {
        String author = ctx.changeSet().author();
        Plan.Builder b = Plan.builder();
        if (newName == null) {
            b.deploy("stop using " + table + " (application only)").code(code)
                    .deploy("drop " + table + " once no running version uses it")
                    .changeSet(ctx.rewriteId("drop-" + table), author, true, List.of("DROP TABLE " + table), List.of());
            b.note("DROP TABLE cannot be rolled back with its data: take a backup (or rename it away first) if the data may be needed.");
        } else {
            b.deploy("rename " + table + " to " + newName + " and keep a view under the old name")
                    .code(code)
                    .changeSet(ctx.rewriteId("rename-" + newName), author, true,
                            List.of("ALTER TABLE " + table + " RENAME TO " + newName,
                                    "CREATE VIEW " + table + " AS SELECT * FROM " + newName),
                            List.of("DROP VIEW " + table, "ALTER TABLE " + newName + " RENAME TO " + table))
                    .deploy("drop the compatibility view once no running version uses " + table)
                    .code("None: every running version now uses " + newName + ".")
                    .changeSet(ctx.rewriteId("drop-view-" + table), author, true, List.of("DROP VIEW " + table),
                            List.of("CREATE VIEW " + table + " AS SELECT * FROM " + newName));
            b.note("A view of one table with SELECT * is automatically updatable in PostgreSQL, so the old version's "
                    + "INSERT, UPDATE and DELETE keep working through it; the table's defaults still apply.");
        }
        return b.build();
    }
}
