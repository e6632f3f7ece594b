package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropColumn;
import io.github.hotcompat.extract.Operation.RenameColumn;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
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
        String type = ctx.schema().column(table, column).map(Schema.Column::type).orElse(null);
        boolean notNull = ctx.schema().column(table, column).map(c -> !c.nullable()).orElse(false);

        List<String> mappers = model.map(m -> EntityMappings.describeColumn(m, table, column)).orElse(List.of());
        List<String> runningMappers = running.map(r -> RunningMappings.columnMappers(r, table, column)).orElse(List.of());
        if (!mappers.isEmpty()) {
            String who = EntityMappings.joined(mappers);
            Subject subject = Subject.entity(who, table, column, newName);
            String alsoRunning = runningMappers.isEmpty() ? ""
                    : " (and so does " + RunningMappings.phrase(running.get(), runningMappers) + ")";
            ctx.finding(this).table(table).column(column)
                    .message(change + " on " + table + ", but " + who + " still maps " + table + "." + column + alsoRunning)
                    .why("While the old version keeps serving during the rolling deploy, Hibernate selects and inserts "
                            + "every mapped column of the entity: once the changeset " + verb + " " + table + "." + column
                            + ", each load, insert or update of it fails (column does not exist). This build still maps "
                            + "it too, so the new version would not even pass Hibernate's schema validation.")
                    .rewrite(rewrite(ctx, subject, table, column, newName, type, notNull))
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
                    .rewrite(newName == null ? dropAfterRelease(ctx, who, table, column, type)
                            : rewrite(ctx, Subject.entity(who, table, column, newName), table, column, newName, type, notNull))
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
                    .rewrite(rewrite(ctx, Subject.query(who, table, column, newName), table, column, newName, type, notNull))
                    .report();
        }
    }

    /** This build already stopped mapping the column: it ships first, the drop one release later. */
    private static Plan dropAfterRelease(RuleContext ctx, String who, String table, String column, String type) {
        return Plan.builder()
                .deploy("ship this build without the drop (application only)")
                .code("None beyond this build: it no longer maps " + table + "." + column + "; roll it out everywhere "
                        + "so that " + who + " stops serving.")
                .deploy("drop " + table + "." + column + " in the next release, once no running version maps it")
                .changeSet(ctx.rewriteId("drop-" + column), ctx.changeSet().author(), true,
                        List.of("ALTER TABLE " + table + " DROP COLUMN " + column),
                        type == null ? List.of() : List.of("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type))
                .build();
    }

    private static Plan rewrite(RuleContext ctx, Subject s, String table, String column, String newName, String type,
                                   boolean notNull) {
        String author = ctx.changeSet().author();
        Plan.Builder b = Plan.builder();
        if (newName == null) {
            b.deploy("stop mapping " + table + "." + column + " (application only)")
                    .code(s.stopUsing())
                    .deploy("drop " + table + "." + column + " once no running version maps it")
                    .changeSet(ctx.rewriteId("drop-" + column), author, true,
                            List.of("ALTER TABLE " + table + " DROP COLUMN " + column),
                            type == null ? List.of() : List.of("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type));
        } else {
            String newType = type == null ? "text" : type;
            b.deploy("add the new column " + table + "." + newName + " (nullable)")
                    .code(s.unchanged())
                    .changeSet(ctx.rewriteId("add-" + newName), author, true,
                            List.of("ALTER TABLE " + table + " ADD COLUMN " + newName + " " + newType),
                            List.of("ALTER TABLE " + table + " DROP COLUMN " + newName))
                    .deploy("write both columns, still read " + column + " (application only)")
                    .code(s.writeBoth())
                    .deploy("backfill " + newName + " from " + column + ", then read the new column")
                    .code(s.readNew())
                    .changeSet(ctx.rewriteId("backfill-" + newName), author, true,
                            List.of("UPDATE " + table + " SET " + newName + " = " + column + " WHERE " + newName
                                    + " IS NULL AND " + column + " IS NOT NULL"), List.of());
            List<String> stopWriting = notNull
                    ? List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL") : List.of();
            b.deploy("stop writing " + column + (notNull ? " (and let it be NULL, since new rows no longer fill it)" : ""))
                    .code(s.stopWritingOld());
            if (notNull) {
                b.changeSet(ctx.rewriteId("relax-" + column), author, true, stopWriting,
                        List.of("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL"));
            }
            b.deploy("drop the old column " + table + "." + column + " once no running version uses it")
                    .code("None: every running version now reads and writes only " + table + "." + newName + ".")
                    .changeSet(ctx.rewriteId("drop-" + column), author, true,
                            List.of("ALTER TABLE " + table + " DROP COLUMN " + column),
                            List.of("ALTER TABLE " + table + " ADD COLUMN " + column + " " + newType));
            b.note("On a large table run the backfill in batches (add AND id BETWEEN ... to the WHERE, one changeset "
                    + "or job run per range) so no single transaction locks every row.");
            if (type == null) {
                b.note(table + "." + column + "'s type is not in the changelog: use its real type instead of text.");
            }
            if (notNull) {
                b.note(column + " was NOT NULL: make " + newName + " NOT NULL after the backfill with set-not-null's "
                        + "rewrite (CHECK ... NOT VALID, VALIDATE, SET NOT NULL).");
            }
        }
        return b.build();
    }

    /** The application side of the rewrite, worded for an entity attribute or a native query. */
    private record Subject(String who, boolean query, String table, String column, String newName) {
        static Subject entity(String who, String table, String column, String newName) {
            return new Subject(who, false, table, column, newName);
        }

        static Subject query(String who, String table, String column, String newName) {
            return new Subject(who, true, table, column, newName);
        }

        String stopUsing() {
            return query ? "Remove " + table + "." + column + " from " + who + "."
                    : "Delete " + who + " or mark it @Transient, so no running version selects or inserts "
                    + table + "." + column + ".";
        }

        String unchanged() {
            return "None yet: " + who + " keeps using " + table + "." + column + ".";
        }

        String writeBoth() {
            return query ? "Make " + who + " write " + newName + " as well wherever it writes " + column
                    + " (reads stay on " + column + ")."
                    : "Add to " + who.replaceFirst("^field \\S+ of ", "") + " a second attribute mapped to "
                    + table + "." + newName + " and set it wherever " + who + " is set, still reading " + column + ".";
        }

        String readNew() {
            return query ? "Make " + who + " read " + newName + " instead of " + column + " (still writing both)."
                    : "Read " + who + " from " + table + "." + newName + " (keep writing both columns).";
        }

        String stopWritingOld() {
            return query ? "Remove " + column + " from " + who + " entirely."
                    : "Map " + who + " only to " + table + "." + newName + " (@Column(name = \"" + newName
                    + "\")) and delete the attribute on " + column + ".";
        }
    }
}
