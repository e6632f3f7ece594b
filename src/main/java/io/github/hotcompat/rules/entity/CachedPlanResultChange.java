package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.NativeQuery;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.extract.Operation.DropColumn;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.JdbcUrl;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * pgjdbc prepares a statement on the server after five executions ({@code prepareThreshold}) and
 * keeps the plan. A change of the result type of such a statement (a column's type, a column more
 * or less under {@code select *}) makes its next execution fail with {@code cached plan must not
 * change result type} (SQLSTATE 0A000), and inside a transaction that aborts the transaction:
 * a burst of failed requests right after the migration, until each connection re-prepares.
 */
@RuleInfo(id = "cached-plan-result-change", severity = Severity.WARNING,
        summary = "a change alters the result type of a query the running version has prepared (cached plan must not change result type)")
public final class CachedPlanResultChange implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!"postgresql".equals(ctx.target().database())) return;
        // the version serving while the migration runs: the running one (migrate-first), else this build
        Optional<RunningVersion> running = RunningMappings.servingDuringMigration(ctx);
        Optional<EntityModel> model = running.map(RunningVersion::entities).or(ctx::entities);
        if (model.isEmpty()) return;
        String inVersion = running.map(r -> " in the running version " + r.where()).orElse("");
        String table = op.table();
        if (table == null || ctx.schema().isNewTable(table)) return;
        List<String> users = new ArrayList<>();
        String change;
        String column = null;
        if (op instanceof AlterColumnType t) {
            String old = ctx.schema().column(table, t.column()).map(c -> c.type()).orElse(null);
            if (old != null && normal(old).equals(normal(t.newType()))) return;
            column = t.column();
            change = "changes the type of " + table + "." + t.column() + (old == null ? "" : " from " + old) + " to " + t.newType();
            for (String m : EntityMappings.describeColumn(model.get(), table, t.column())) users.add(m);
            for (NativeQuery q : model.get().nativeQueries()) {
                NativeSqlReferences refs = NativeSqlReferences.of(q.sql());
                if (refs.namesColumn(table, t.column()) || refs.selectsAllColumnsOf(table)) users.add(EntityMappings.describe(q));
            }
        } else if (op instanceof AddColumn || op instanceof DropColumn) {
            String added = op instanceof AddColumn a ? a.column().name() : ((DropColumn) op).column();
            change = (op instanceof AddColumn ? "adds column " + added + " to " : "drops column " + added + " from ") + table;
            // entity SELECTs list their columns, so only native SQL returning every column changes shape
            for (NativeQuery q : model.get().nativeQueries()) {
                if (NativeSqlReferences.of(q.sql()).selectsAllColumnsOf(table)) users.add(EntityMappings.describe(q));
            }
        } else {
            return;
        }
        if (users.isEmpty()) return;
        List<JdbcUrl> urls = ctx.target().jdbcUrls().stream().filter(JdbcUrl::postgres).toList();
        List<JdbcUrl> exposed = urls.stream().filter(u -> !u.survivesCachedPlanChange()).toList();
        if (!urls.isEmpty() && exposed.isEmpty()) return; // pgjdbc retries (autosave) or never server-prepares
        String who = EntityMappings.joined(users) + inVersion;
        String connection = urls.isEmpty()
                ? "No JDBC URL is known (spring.datasource.url in the application properties or YAML, or the jdbcUrl parameter), so pgjdbc's defaults are assumed: prepareThreshold=5, autosave=never."
                : "Without autosave=conservative: " + String.join("; ", exposed.stream().map(u -> u.source() + " = " + u.url()).toList()) + ".";
        ctx.finding(this).table(table).column(column)
                .message("the changeset " + change + ", which changes the result type of " + who
                        + ": prepared statements fail with 'cached plan must not change result type'")
                .why("pgjdbc prepares a statement on the server after 5 executions and keeps its plan; after the "
                        + "change, the next execution of " + who + " on each such connection fails with SQLSTATE 0A000 "
                        + "'cached plan must not change result type', and inside a transaction it aborts the "
                        + "transaction: a burst of failed requests right after the migration. " + connection)
                .cure(Recipe.around("cached-plan:" + ctx.changeSet().id(), 1, Plan.builder()
                        .deploy("application step first: let pgjdbc survive the changed plan")
                        .code("Add autosave=conservative to the JDBC URL (spring.datasource.url=jdbc:postgresql://host/db"
                                + "?autosave=conservative): pgjdbc then re-prepares and retries such a statement. "
                                + (op instanceof AlterColumnType ? "" : "Or name the columns in the native SQL instead of '*'. ")
                                + "Ship it and let it replace the running version everywhere.")
                        .deploy("then the change: changeset '" + ctx.changeSet().id() + "' as written")
                        .note("prepareThreshold=0 also avoids it (no server-prepared statements), at the cost of "
                                + "planning every execution.")
                        .build()))
                .report();
    }

    private static String normal(String type) {
        return type.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }
}
