package io.github.hotcompat.rules.entity;

import io.github.hotcompat.dialect.DeployOrder;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Under {@code deployOrder=code-first} the new version rolls out before the migration runs, so it
 * serves on the schema as it was: an entity (or native query) of this build that maps a table or
 * column only a pending changeset creates fails on every request touching it until the migration
 * has run (Hibernate's schema validation stops it at start-up).
 */
@RuleInfo(id = "mapped-before-created", severity = Severity.ERROR,
        summary = "deployOrder=code-first and this build maps a table or column that only a pending changeset creates")
public final class MappedBeforeCreated implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (ctx.target().deployOrder() != DeployOrder.CODE_FIRST || ctx.entities().isEmpty()) return;
        EntityModel model = ctx.entities().get();
        String table;
        String column = null;
        if (op instanceof Operation.CreateTable ct && !ct.temporary()) {
            table = ct.table();
        } else if (op instanceof Operation.RenameTable rt) {
            table = rt.newName();
        } else if (op instanceof Operation.AddColumn ac && !ctx.schema().isNewTable(ac.table())) {
            // in a table this release creates, the table's own finding says it all
            table = ac.table();
            column = ac.column().name();
        } else if (op instanceof Operation.RenameColumn rc && !ctx.schema().isNewTable(rc.table())) {
            table = rc.table();
            column = rc.newName();
        } else {
            return;
        }
        String subject = column == null ? "table " + table : table + "." + column;
        List<String> users = new ArrayList<>(column == null ? EntityMappings.describeTable(model, table)
                : EntityMappings.describeColumn(model, table, column));
        for (NativeQuery q : model.nativeQueries()) {
            NativeSqlReferences refs = NativeSqlReferences.of(q.sql());
            if (column == null ? refs.namesTable(table) : refs.namesColumn(table, column)) users.add(EntityMappings.describe(q));
        }
        if (users.isEmpty()) return;
        String who = EntityMappings.joined(users);
        String what = column == null ? (op instanceof Operation.RenameTable ? "renames a table to " : "creates ") + table
                : (op instanceof Operation.RenameColumn ? "renames a column to " : "adds ") + table + "." + column;
        ctx.finding(this).table(table).column(column)
                .message("deployOrder=code-first: " + who + " already uses " + subject + ", which only this changeset "
                        + (column == null ? "creates" : "adds"))
                .why("With code-first the new version rolls out before the migration runs, so it serves on the schema "
                        + "without " + subject + ": Hibernate's schema validation stops it at start-up, and without "
                        + "validation every load, insert or query of " + who + " fails (" + (column == null
                        ? "relation" : "column") + " does not exist) until the changeset that " + what + " has run.")
                .cure(Recipe.around("mapped-before-created:" + ctx.changeSet().id(), 0, Plan.builder()
                        .deploy("the changeset alone: this release ships no code that uses " + subject)
                        .code("Ship changeset '" + ctx.changeSet().id() + "' as written in a release without the use of "
                                + subject + " (leave out " + who + ", or mark the attribute @Transient), so the version "
                                + "that rolls out first works on the schema before it.")
                        .deploy("the code that uses " + subject + ", once the migration has run everywhere")
                        .code("Ship " + who + ".")
                        .note("With deployOrder=migrate-first (Liquibase at application start-up or a migration job "
                                + "before the rollout) both can ship together: the schema is ready before the new version serves.")
                        .build()))
                .report();
    }
}
