package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Drop a column, table, view or sequence only after the application stopped using it: deploy 1 is the
 * application step (plus what that code needs to insert), deploy 2 the drop. Anchored on the drop
 * deploy, so the changeset's other statements ship with the drop, in their order. One recipe per
 * dropped object, whichever rules ask for it (drop-column and column-still-mapped, drop-table and
 * table-still-mapped).
 */
public final class DropAfterUse {
    /** Above the whole-plan adapters (rank = severity). */
    public static final int RANK = 20;
    private static final int DROP_DEPLOY = 1;

    private DropAfterUse() {
    }

    public static String key(String what) {
        return "drop-after-use:" + what;
    }

    public static Recipe column(Operation.DropColumn op, RecipeContext ctx, ApplicationStep app) {
        return column(op, ctx, app, shipAfterNote("drop-column"));
    }

    /** @param shipNote when the drop deploy may ship: what the rule knows of the running version */
    public static Recipe column(Operation.DropColumn op, RecipeContext ctx, ApplicationStep app, String shipNote) {
        String table = op.table();
        String column = op.column();
        String author = ctx.changeSet().author();
        Optional<Schema.Column> known = ctx.schema().column(table, column);
        // new code that stops writing a NOT NULL column without a default could not insert any more
        boolean requiredByInserts = known.map(c -> !c.nullable() && c.defaultValue() == null).orElse(false);
        String type = known.map(Schema.Column::type).filter(t -> !t.isBlank()).orElse(null);
        Recipe.Builder r = Recipe.builder(key(table + "." + column)).replaces(op).rank(RANK).anchor(DROP_DEPLOY);
        r.plan().deploy("stop using " + table + "." + column)
                .code(app.stopUsingColumn(table, column));
        Optional<io.github.hotcompat.dialect.mysql.OnlineDdl> mysql = MySqlForms.of(ctx);
        if (requiredByInserts) {
            // PostgreSQL refuses DROP NOT NULL on a primary-key column: the key goes first (the drop of the column
            // would take it anyway), then inserts that leave the column out can succeed
            Optional<Schema.Constraint> key = ctx.schema().table(table).flatMap(t -> t.constraints().stream()
                    .filter(c -> c.kind() == Operation.ConstraintKind.PRIMARY_KEY && c.name() != null
                            && c.columns().stream().anyMatch(k -> k.equalsIgnoreCase(column)))
                    .findFirst());
            List<String> relax = new java.util.ArrayList<>();
            key.ifPresent(k -> relax.add("ALTER TABLE " + table + " DROP CONSTRAINT " + k.name()));
            relax.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL");
            r.plan().changeSet(new PlanChangeSet(ctx.rewriteId(column + "-drop-not-null"), author, true,
                    mysql.isPresent() ? List.of(MySqlForms.modifyNullability(table, column, type, false)) : relax,
                    List.of(), null).locking());
            if (mysql.isEmpty()) {
                key.ifPresent(k -> r.plan().note(column + " is in the primary key " + k.name() + ", and PostgreSQL keeps a key "
                        + "column NOT NULL: the application-step deploy drops " + k.name() + " first (dropping " + column
                        + " would drop it anyway), so from then on " + table + " has no primary key; foreign keys of other "
                        + "tables that reference it must be dropped before it."));
            }
        }
        r.plan().deploy("drop " + table + "." + column + " once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId(column + "-drop"), author, true,
                        List.of(mysql.isPresent() ? MySqlForms.dropColumn(table, column) : "ALTER TABLE " + table + " DROP COLUMN " + column),
                        type == null ? List.of() : List.of(mysql.isPresent() ? MySqlForms.addColumn(mysql.get(), table, column, type)
                                : "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type),
                        null).locking())
                .note(shipNote);
        if (known.isEmpty()) {
            r.plan().note("If " + table + "." + column + " is NOT NULL without a default, add 'ALTER TABLE " + table
                    + (mysql.isPresent() ? " MODIFY " + MySqlForms.name(column) + " <its type> NULL, " + OnlineGuard.INPLACE
                    : " ALTER COLUMN " + column + " DROP NOT NULL") + "' to the application-step deploy, or the new code's "
                    + "inserts fail.");
        }
        if (type != null) {
            r.plan().note("The rollback adds " + column + " back empty: the dropped values are gone.");
        }
        return r.build();
    }

    public static Recipe table(Operation.DropTable op, RecipeContext ctx, ApplicationStep app) {
        String table = op.table();
        Recipe.Builder r = Recipe.builder(key(table)).replaces(op).rank(RANK).anchor(DROP_DEPLOY);
        r.plan().deploy("stop using " + table)
                .code(app.stopUsingTable(table))
                .deploy("drop " + table + " once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId(table + "-drop"), ctx.changeSet().author(), true,
                        // IF EXISTS kept: a changeset written for databases that may lack the table must not fail there
                        List.of("DROP TABLE " + (op.ifExists() ? "IF EXISTS " : "") + table), List.of(), null).locking())
                .note(shipAfterNote("drop-table"))
                .note("Foreign keys of other tables that reference " + table + " must be dropped first (in the drop "
                        + "deploy, before the DROP TABLE).")
                .note("DROP TABLE cannot be rolled back with its data: take a backup (or rename it away first) if the "
                        + "data may be needed.");
        return r.build();
    }

    /** A view, materialized view or sequence. */
    public static Recipe relation(Operation.DropRelation op, RecipeContext ctx, ApplicationStep app) {
        String name = op.name();
        RelationKind kind = op.kind();
        String drop = "DROP " + kind.label().toUpperCase(Locale.ROOT) + " " + name;
        Recipe.Builder r = Recipe.builder(key(name)).replaces(op).rank(RANK).anchor(DROP_DEPLOY);
        r.plan().deploy("stop using the " + kind.label() + " " + name)
                .code(app.stopUsingRelation(kind, name))
                .deploy("drop the " + kind.label() + " once no running version uses it")
                .changeSet(ctx.rewriteId(name + "-drop"), ctx.changeSet().author(), true, List.of(drop), List.of())
                .note(shipAfterNote("drop-table"));
        if (kind == RelationKind.SEQUENCE) {
            r.plan().note("DROP SEQUENCE fails while a column default still calls nextval('" + name + "'): drop or "
                    + "change that default first (CASCADE would drop the default silently).");
        } else {
            r.plan().note("Views that read " + name + " must be dropped first (or re-created without it).");
        }
        return r.build();
    }

    /**
     * A TRUNCATE of a table the running version uses: deploy 1 stops using it (and the tables its CASCADE
     * also empties), deploy 2 truncates it. Keyed by the statement: one recipe for every table it names.
     *
     * @param users the truncated table, then the tables CASCADE empties, each with who uses it
     */
    public static Recipe truncate(Operation.DataChange op, String statement, java.util.Map<String, ApplicationStep> users,
                                  RecipeContext ctx) {
        String table = op.table();
        List<String> steps = users.entrySet().stream().map(e -> e.getValue().stopUsingTable(e.getKey())).toList();
        Recipe.Builder r = Recipe.builder("truncate-after-use:" + statement).replaces(op).rank(RANK).anchor(DROP_DEPLOY);
        r.plan().deploy("stop using " + String.join(", ", users.keySet()))
                .code(String.join(" ", steps))
                .deploy("truncate " + table + " once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId(table + "-truncate"), ctx.changeSet().author(), true,
                        List.of(statement), List.of(), null).locking())
                .note("Ship the truncate deploy only when the version of the application step runs everywhere; this "
                        + "rule cannot see that, so suppress it on the truncate changeset with the reason, e.g. "
                        + "'hotcompat:ignore truncate-table -- unused since release N'.")
                .note("If the rows must go while the application still uses " + table + ", delete them instead in "
                        + "key-range batches, each committed on its own (a DELETE in a changeset with "
                        + "runInTransaction=\"false\", batched as unbatched-backfill writes it): no ACCESS EXCLUSIVE lock, "
                        + "and the running version sees rows disappear rather than the whole table at once.")
                .note("TRUNCATE cannot be rolled back once committed: take a backup first if the rows may be needed.");
        return r.build();
    }

    /**
     * A sequence renamed: nothing can stand in for it (nextval() of a view fails), so the application
     * stops naming it first, then the rename ships.
     */
    public static Recipe sequenceRename(Operation op, String from, String to, RecipeContext ctx, ApplicationStep app) {
        Recipe.Builder r = Recipe.builder("rename-after-use:" + from + "->" + to).replaces(op).rank(RANK).anchor(DROP_DEPLOY);
        r.plan().deploy("stop naming the sequence " + from + " in the code")
                .code(app.stopNamingSequence(from))
                .deploy("rename the sequence once no running version names it")
                .changeSet(ctx.rewriteId(to + "-rename"), ctx.changeSet().author(), true,
                        List.of("ALTER SEQUENCE " + from + " RENAME TO " + to),
                        List.of("ALTER SEQUENCE " + to + " RENAME TO " + from))
                .note("A compatibility view does not help a sequence: nextval('" + from + "') on a view fails. "
                        + "Column defaults nextval('" + from + "'::regclass) keep working after the rename: they "
                        + "hold the sequence's OID, not its name.")
                .note("A sequence's name is seen by no user: not renaming it is often the simplest fix.");
        return r.build();
    }

    private static String shipAfterNote(String ruleId) {
        return "Ship the drop deploy only when the version of the application step runs everywhere; this rule "
                + "cannot see that, so suppress it on the drop changeset with the reason, e.g. 'hotcompat:ignore "
                + ruleId + " -- unused since release N'.";
    }
}
