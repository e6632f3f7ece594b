package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityModel.ColumnMapping;
import io.github.hotcompat.entity.MappedTable;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.SetNotNull;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.AddColumnThenBackfill;
import io.github.hotcompat.recipe.ColumnRecipes;
import io.github.hotcompat.recipe.NotNullViaCheck;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column becomes NOT NULL without a default while the running version, which keeps inserting
 * during a migrate-first deploy, does not write it: its entity for the table does not map the
 * column, maps it {@code @Transient}, or with {@code insertable = false}. Hibernate's INSERT then
 * leaves it out, and every insert fails once the constraint holds.
 */
@RuleInfo(id = "required-column-not-written", severity = Severity.ERROR,
        summary = "a column becomes NOT NULL without a default while the running version's inserts do not write it")
public final class RequiredColumnNotWritten implements Rule {
    private static final Pattern NOT_NULL_CHECK =
            Pattern.compile("^\\s*\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s+IS\\s+NOT\\s+NULL\\s*\\)*\\s*$", Pattern.CASE_INSENSITIVE);

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        Optional<RunningVersion> running = RunningMappings.servingDuringMigration(ctx);
        if (running.isEmpty()) return; // unknown: add-required-column and set-not-null speak as before
        String table = op.table();
        String column;
        String how;
        String backfill = null; // the value existing NULL rows get, as the original changeset gives them
        if (op instanceof AddColumn ac) {
            Operation.ColumnDef def = ac.column();
            if (def.nullable() || def.hasDefault() || def.autoIncrement() || def.generated() != null) return;
            column = def.name();
            how = "adds " + table + "." + column + " NOT NULL without a default";
        } else if (op instanceof SetNotNull sn) {
            column = sn.column();
            if (ctx.schema().column(table, column).map(c -> c.defaultValue() != null).orElse(false)) return;
            how = "makes " + table + "." + column + " NOT NULL, and it has no default";
            if (sn.defaultNullValue() != null) {
                String type = ctx.schema().column(table, column).map(c -> c.type()).orElse(null);
                backfill = ColumnRecipes.literal(ctx.target().database(), type, sn.defaultNullValue());
            }
        } else if (op instanceof AddConstraint c && c.kind() == ConstraintKind.CHECK && c.check() != null) {
            Matcher m = NOT_NULL_CHECK.matcher(c.check());
            if (!m.matches()) return;
            column = m.group(1);
            if (ctx.schema().column(table, column).map(col -> col.defaultValue() != null).orElse(false)) return;
            // NOT VALID skips the scan of existing rows, but new rows are checked at once
            how = "adds CHECK (" + column + " IS NOT NULL)" + (c.notValid() ? " NOT VALID (checked on every new row at once)" : "")
                    + " on " + table + ", whose " + column + " has no default";
        } else {
            return;
        }
        if (table == null || ctx.schema().isNewTable(table)) return; // a table of this release: no running code inserts into it
        EntityModel model = running.get().entities();
        List<MappedTable> inserting = model.tablesNamed(table);
        if (inserting.isEmpty() || model.writes(table, column)) return;
        String entities = EntityMappings.joined(inserting.stream().map(EntityMappings::describe).distinct().toList());
        String state = stateOf(model, table, column);
        String where = running.get().where();
        String thisBuild = ctx.entities().map(m -> m.writes(table, column)
                ? " This build writes it, so the fix is to let this build replace the running version first."
                : " This build does not write it either.").orElse("");
        String code = "Ship a version whose " + entities + " maps " + column
                + " with an insertable attribute and sets it on every insert (or give the column a default, "
                + "'ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT <value>', as its own "
                + "changeset first), and let it replace the running version everywhere.";
        Recipe cure;
        if (op instanceof AddColumn ac) {
            // the column does not exist before the changeset: no code can write it first. The add-required-column
            // recipe (nullable column, the code that writes it, then NOT NULL via a check) is the same cure,
            // asked under the same key so the two findings compose into one plan
            cure = AddColumnThenBackfill.required(ac, ctx);
        } else if (op instanceof AddConstraint) {
            // the user's check stays as written (its name, its NOT VALID): only the code has to come first
            cure = Recipe.around("required-column:" + table + "." + column, 1, Plan.builder()
                    .deploy("a default or the code that writes " + table + "." + column)
                    .code(code)
                    .deploy("then the constraint: changeset '" + ctx.changeSet().id() + "' as written")
                    .note("Ship the constraint only when no running version inserts into " + table + " without " + column + ".")
                    .build());
        } else {
            Plan.Builder b = Plan.builder()
                    .deploy("a default or the code that writes " + table + "." + column)
                    .code(code);
            NotNullViaCheck.append(b, ctx, table, column, backfill, false);
            b.note("Ship the NOT NULL only when no running version inserts into " + table + " without " + column + ".");
            // its application step must come first, so it outranks the NOT NULL recipe of set-not-null
            cure = Recipe.whole("required-column:" + table + "." + column, b.build(), List.of(op), ctx.operations(),
                    NotNullViaCheck.RANK + 10);
        }
        ctx.finding(this).table(table).column(column)
                .message("the changeset " + how + ", but the running version's " + entities + " " + where
                        + " does not write it (" + state + ")")
                .why("The migration runs while the running version still serves (deployOrder migrate-first): "
                        + "Hibernate's INSERT for " + entities + " lists only the columns it writes, so once the "
                        + "constraint holds each of its inserts into " + table + " fails with 'null value in column \""
                        + column + "\" violates not-null constraint' (or the check constraint) until it is replaced." + thisBuild)
                .cure(cure)
                .report();
    }

    /** Why the running version leaves the column out: not mapped, or mapped with insertable = false. */
    private static String stateOf(EntityModel model, String table, String column) {
        Set<String> readOnly = new LinkedHashSet<>();
        for (ColumnMapping m : model.mappingsOf(table, column)) {
            if (!m.column().insertable()) readOnly.add(RunningMappings.attribute(m));
        }
        return readOnly.isEmpty() ? "no attribute maps it, or only a @Transient one"
                : EntityMappings.joined(List.copyOf(readOnly)) + " is insertable = false";
    }
}
