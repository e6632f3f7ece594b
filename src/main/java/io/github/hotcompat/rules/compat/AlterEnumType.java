package io.github.hotcompat.rules.compat;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AlterEnum;
import io.github.hotcompat.extract.Operation.CreateEnumType;
import io.github.hotcompat.extract.Operation.EnumAction;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.recipe.OwnChangeSet;
import io.github.hotcompat.replay.Schema.EnumType;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@RuleInfo(id = "alter-enum-type", severity = Severity.ERROR,
        summary = "An enum value renamed or removed (the running version writes the old label), or added where the deploy fails")
public final class AlterEnumType implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (op instanceof AlterEnum e && e.action() == EnumAction.RENAME_VALUE) {
            renamed(e, ctx);
        } else if (op instanceof AlterEnum e && e.action() == EnumAction.ADD_VALUE) {
            added(e, ctx);
        } else if (op instanceof CreateEnumType c) {
            recreated(c, ctx);
        }
    }

    private void renamed(AlterEnum e, RuleContext ctx) {
        if (ctx.schema().enumType(e.type()).map(EnumType::createdInRelease).orElse(false)) return;
        String type = e.type();
        ctx.finding(this)
                .message("value '" + e.value() + "' of enum type " + type + " renamed to '" + e.newValue() + "': "
                        + firstLine(e))
                .why("The running version still writes '" + e.value() + "': once the rename commits, its INSERTs and "
                        + "UPDATEs with it fail with 'invalid input value for enum " + type + ": \"" + e.value()
                        + "\"' (22P02), and the rows it reads say '" + e.newValue() + "', a label it does not know.")
                // add + backfill + stop writing the old one spans code releases: no mechanical rewrite
                .cure(Advice.of("alter-enum-type:rename:" + type + "." + e.value(),
                        "Rename in steps: deploy 1: ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS '" + e.newValue()
                                + "' in a changeset of its own, and code that reads both labels;",
                        "deploy 2: code that writes '" + e.newValue() + "' only, and a batched UPDATE of the rows "
                                + "holding '" + e.value() + "' to '" + e.newValue() + "' (in each table with a column of type "
                                + type + ");",
                        "the old label can stay (PostgreSQL cannot drop an enum value); to get rid of it, recreate the "
                                + "type in a later deploy, once nothing writes it."))
                .report();
    }

    private void added(AlterEnum e, RuleContext ctx) {
        boolean inTransaction = ctx.changeSet().runInTransaction() || e.origin().batchSize() > 1;
        if (!inTransaction) return;
        Boolean pg12 = ctx.target().atLeast(12);
        Optional<Operation> use = usedAfter(e, ctx);
        boolean before12 = Boolean.FALSE.equals(pg12);
        if (!before12 && use.isEmpty()) return; // PG 12+: ADD VALUE in a transaction is fine while nothing uses it
        String type = e.type();
        String why = before12
                ? "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block: the "
                + "changeset fails with 'ALTER TYPE ... ADD cannot run inside a transaction block' (25001) and the deploy stops."
                : "A value added in a transaction cannot be used before that transaction commits: "
                + firstLine(use.get()) + " fails with 'unsafe use of new value \"" + e.value() + "\" of enum type "
                + type + "' (55P04), the changeset rolls back and the deploy stops.";
        boolean outside = !Boolean.TRUE.equals(pg12);
        ctx.finding(this)
                .message("value '" + e.value() + "' added to enum type " + type + (before12
                        ? " inside a transaction on PostgreSQL " + ctx.target().version()
                        : " and used in the same transaction") + ": " + firstLine(e))
                .why(why)
                .cure(OwnChangeSet.of(e, ctx, "enum-" + e.value().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                        !outside, false,
                        "the new enum value alone in a changeset" + (outside ? " that runs outside a transaction" : "")
                                + ", committed before anything uses it",
                        "Ship the value one release before the code that writes '" + e.value() + "': the running version "
                                + "never reads a label it does not know."
                                + (outside ? " runInTransaction=\"false\": ADD VALUE cannot run in a transaction block "
                                + "before PostgreSQL 12 (set databaseVersion to 12+ to keep the transaction)." : "")))
                .report();
    }

    private void recreated(CreateEnumType c, RuleContext ctx) {
        Optional<EnumType> former = ctx.schema().formerEnumType(c.type());
        if (former.isEmpty() || former.get().createdInRelease()) return;
        List<String> removed = new ArrayList<>();
        for (String label : former.get().labels()) {
            if (!c.labels().contains(label)) removed.add(label);
        }
        if (removed.isEmpty()) return;
        String type = c.type();
        String labels = "'" + String.join("', '", removed) + "'";
        ctx.finding(this)
                .message("enum type " + type + " is recreated without " + labels + ": " + firstLine(c))
                .why("The running version still writes " + labels + ": once the new type is in place its INSERTs and "
                        + "UPDATEs with " + (removed.size() == 1 ? "it" : "them") + " fail with 'invalid input value "
                        + "for enum " + type + "' (22P02); and converting a column whose rows still hold "
                        + (removed.size() == 1 ? "it" : "one of them") + " to the new type fails the deploy.")
                .cure(Advice.of("alter-enum-type:remove:" + type,
                        "Remove a value in steps: deploy 1: code that no longer writes " + labels + " (and reads the "
                                + "value that replaces it), and a batched UPDATE of the rows holding it;",
                        "deploy 2: recreate " + type + " without " + labels + " and convert its columns (ALTER COLUMN ... "
                                + "TYPE rewrites each table: see change-column-type)."))
                .report();
    }

    /** The first later operation of the same transaction whose statement holds the new label as a literal. */
    private static Optional<Operation> usedAfter(AlterEnum e, RuleContext ctx) {
        String literal = "'" + e.value().replace("'", "''") + "'";
        boolean after = false;
        for (Operation o : ctx.operations()) {
            if (o == e) {
                after = true;
                continue;
            }
            if (!after || !o.origin().fromSql()) continue;
            // outside a transaction only a statement of the same batch shares it
            if (!ctx.changeSet().runInTransaction() && o.origin().changeIndex() != e.origin().changeIndex()) continue;
            if (o instanceof AlterEnum a && a.value().equals(e.value())) continue;
            if (o.origin().sql().contains(literal) && mayBeOfType(o, e.type(), literal, ctx)) return Optional.of(o);
        }
        return Optional.empty();
    }

    /**
     * Whether the label in {@code o} can be the enum's: the statement names the type, or acts on a table
     * with a column of that type, or on one whose columns are unknown. A text column's 'c' is not the enum's.
     */
    private static boolean mayBeOfType(Operation o, String type, String literal, RuleContext ctx) {
        if (java.util.regex.Pattern.compile("(?i)\\b" + java.util.regex.Pattern.quote(type) + "\\b").matcher(o.origin().sql()).find()) {
            return true;
        }
        if (o.table() == null) return false;
        var table = ctx.schema().table(o.table());
        if (table.isEmpty() || !table.get().structureKnown()) return true;
        // an UPDATE's label goes to the columns it sets, unless its WHERE compares with it too
        List<String> set = o instanceof Operation.DataChange d && (d.where() == null || !d.where().contains(literal))
                ? d.setColumns() : List.of();
        return table.get().columns().stream().filter(c -> set.isEmpty() || set.stream().anyMatch(c.name()::equalsIgnoreCase))
                .anyMatch(c -> c.type() == null || c.type().equalsIgnoreCase(type));
    }

    private static String firstLine(Operation op) {
        String sql = op.origin().sql();
        return sql == null ? op.origin().changeType() : sql.strip().lines().findFirst().orElse("");
    }
}
