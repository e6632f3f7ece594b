package io.github.hotcompat.recipe;

import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column added to a filled table without rewriting it: first as a plain nullable column (catalog
 * only, a brief ACCESS EXCLUSIVE), with what new rows need (a default, a sequence); then the existing
 * rows filled by the {@link BatchedBackfill}; then, where the original column was NOT NULL, the
 * {@link NotNullViaCheck} deploys. One recipe for a default, a serial, a generated and a required column.
 */
public final class AddColumnThenBackfill {
    public static final int RANK = 20;

    private AddColumnThenBackfill() {
    }

    /** ADD COLUMN ... DEFAULT expr that would rewrite the table: add it bare, SET DEFAULT, backfill. */
    public static Recipe withDefault(AddColumn add, RecipeContext ctx, String expr) {
        ColumnDef col = add.column();
        String table = add.table();
        String type = ColumnRecipes.tidyType(col.type());
        Recipe.Builder r = builder(add);
        Plan.Builder b = r.plan().deploy("add " + table + "." + col.name() + " without a default (catalog only), give new "
                + "rows the default, then fill the existing rows in batches");
        b.changeSet(addColumn(ctx, add, List.of(), type, List.of("ALTER TABLE " + table + " ALTER COLUMN " + col.name()
                + " SET DEFAULT " + expr), List.of()));
        backfill(b, ctx, add, col.name() + " = " + expr, col.name() + " IS NULL");
        if (!col.nullable()) NotNullViaCheck.append(b, ctx, table, col.name(), null, true);
        inlineConstraints(b, ctx, add);
        b.note("SET DEFAULT only applies to rows inserted from now on: it never rewrites the table.");
        return r.build();
    }

    /**
     * MySQL/MariaDB: ADD COLUMN ... DEFAULT (UUID()), a per-row expression default InnoDB can only add by copying the
     * table. Added bare instead ({@code ALGORITHM=INSTANT} where the release allows it, else INPLACE, LOCK=NONE), then
     * given the default (metadata only), so the running version's inserts get values; the existing rows filled in
     * batches by a procedure ({@link MySqlForms#backfill}); then NOT NULL INPLACE where the original is NOT NULL (the
     * MODIFY restates the default, which a MODIFY would otherwise drop). {@code alternative}: the online
     * schema-change tool advice, kept as notes. A column with an inline PRIMARY KEY or REFERENCES has no such plan
     * here: empty, and the caller gives the tool advice alone.
     */
    public static java.util.Optional<Recipe> mySqlExpressionDefault(AddColumn add, RecipeContext ctx, OnlineDdl ddl,
                                                                   String expression, List<String> alternative) {
        ColumnDef col = add.column();
        if (col.primaryKey() || InlineConstraints.reference(ctx, add).isPresent()) return java.util.Optional.empty();
        String table = add.table();
        String name = col.name();
        String type = ColumnRecipes.tidyType(col.type());
        String def = MySqlForms.parenthesized(expression);
        boolean mariadb = "mariadb".equals(ctx.target().database());
        String author = ctx.changeSet().author();
        // keep the column's place unless only the end is INSTANT on this release (then the end, and a note)
        String position = add.position() != null && (ddl.addColumn(false, false).algorithm() == OnlineDdl.Algorithm.INSTANT
                || ddl.addColumn(false, true).algorithm() != OnlineDdl.Algorithm.INSTANT) ? add.position() : null;
        Recipe.Builder r = builder(add);
        Plan.Builder b = r.plan().deploy("add " + table + "." + name + " without its default, give new rows DEFAULT " + def
                + " (both metadata only), then fill the existing rows in batches");
        b.changeSet(new PlanChangeSet(ctx.rewriteId("add-" + name), author, true,
                List.of(MySqlForms.addColumn(ddl, table, name, type, position)),
                List.of(MySqlForms.dropColumn(table, name)), null).locking());
        b.changeSet(new PlanChangeSet(ctx.rewriteId(name + "-default"), author, true,
                List.of(MySqlForms.setDefault(ddl, mariadb, table, name, def)),
                List.of(MySqlForms.dropDefault(ddl, mariadb, table, name)), null).locking());
        MySqlForms.backfill(b, ctx, name + "-fill", table, "UPDATE " + MySqlForms.name(table) + " SET " + MySqlForms.name(name)
                + " = " + def + " WHERE " + MySqlForms.name(name) + " IS NULL");
        MySqlForms.backfillNotes(ctx.schema(), table).forEach(b::note);
        if (!col.nullable()) NotNullViaCheck.appendMySql(b, ctx, table, name, type + " DEFAULT " + def, null);
        if (col.unique()) {
            b.deploy("the unique index on " + table + "." + name + ", built INPLACE with concurrent writes")
                    .changeSet(new PlanChangeSet(ctx.rewriteId(name + "-unique"), author, true,
                            List.of(MySqlForms.addIndex(ddl, table, name, List.of(name), true)),
                            List.of("ALTER TABLE " + MySqlForms.name(table) + " DROP INDEX " + MySqlForms.name(name) + ", "
                                    + ddl.dropIndex().guard()), null).locking());
        }
        b.note("SET DEFAULT changes only the table's metadata: rows inserted from then on (by the running version too) get "
                + def + "; the existing rows get it from the batched UPDATE, which evaluates it for each row.");
        if (add.position() != null && position == null) {
            b.note("The column is added at the end, not " + add.position() + ": on " + ddl.engine() + " only a column at "
                    + "the end is added INSTANT (any position since MySQL 8.0.29 / MariaDB 10.4). If its place matters, "
                    + "use the online schema-change tool below.");
        }
        alternative.forEach(b::note);
        return java.util.Optional.of(r.build());
    }

    /** A serial/auto-increment column: a plain column numbered by its own sequence, the existing rows in batches. */
    public static Recipe numbered(AddColumn add, RecipeContext ctx, String type) {
        ColumnDef col = add.column();
        String table = add.table();
        String name = col.name();
        String sequence = ConstraintStatements.generatedName(table, List.of(name), "seq");
        Recipe.Builder r = builder(add);
        Plan.Builder b = r.plan().deploy("add " + table + "." + name + " as a plain nullable " + type + ", then its sequence "
                + "and default (catalog only), then number the existing rows in batches");
        b.changeSet(addColumn(ctx, add, List.of("CREATE SEQUENCE IF NOT EXISTS " + sequence + " AS " + type), type,
                List.of("ALTER TABLE " + table + " ALTER COLUMN " + name + " SET DEFAULT nextval('" + sequence + "')",
                        "ALTER SEQUENCE " + sequence + " OWNED BY " + table + "." + name),
                List.of("DROP SEQUENCE IF EXISTS " + sequence)));
        backfill(b, ctx, add, name + " = nextval('" + sequence + "')", name + " IS NULL");
        NotNullViaCheck.append(b, ctx, table, name, null, true);
        inlineConstraints(b, ctx, add);
        b.note("The column behaves like a serial: new rows take nextval('" + sequence + "'). An identity column cannot "
                + "be added to a filled table without a rewrite; the sequence default is the lock-free equivalent.");
        return r.build();
    }

    /**
     * An identity column ({@code GENERATED ALWAYS|BY DEFAULT AS IDENTITY}; Liquibase's autoIncrement on PostgreSQL):
     * numbered first as {@link #numbered} does, by a temporary sequence default, so the running version's inserts get
     * values; once NOT NULL holds (ADD GENERATED needs it), one short ACCESS EXCLUSIVE transaction, without a rewrite
     * or scan, swaps the default for the identity, restarts it past the highest value, and drops the temporary
     * sequence. Before PostgreSQL 12 (no NOT NULL without a scan) it stays {@link #numbered}.
     */
    public static Recipe identity(AddColumn add, RecipeContext ctx, String type, boolean always) {
        if (Boolean.FALSE.equals(ctx.target().atLeast(12))) return numbered(add, ctx, type);
        ColumnDef col = add.column();
        String table = add.table();
        String name = col.name();
        // not <table>_<column>_seq: that name is the identity's own sequence's, as PostgreSQL names it
        String sequence = ConstraintStatements.generatedName(table, List.of(name), "tmp_seq");
        String identity = "GENERATED " + (always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
        Recipe.Builder r = builder(add);
        Plan.Builder b = r.plan().deploy("add " + table + "." + name + " as a plain nullable " + type + " numbered by a "
                + "temporary sequence (catalog only), then number the existing rows in batches");
        b.changeSet(addColumn(ctx, add, List.of("CREATE SEQUENCE IF NOT EXISTS " + sequence + " AS " + type), type,
                List.of("ALTER TABLE " + table + " ALTER COLUMN " + name + " SET DEFAULT nextval('" + sequence + "')"),
                List.of("DROP SEQUENCE IF EXISTS " + sequence)));
        backfill(b, ctx, add, name + " = nextval('" + sequence + "')", name + " IS NULL");
        NotNullViaCheck.append(b, ctx, table, name, null, true);
        // same deploy as SET NOT NULL, after it: ADD GENERATED refuses a nullable column
        b.changeSet(new PlanChangeSet(ctx.rewriteId(name + "-identity"), ctx.changeSet().author(), true, List.of(
                "ALTER TABLE " + table + " ALTER COLUMN " + name + " DROP DEFAULT",
                "ALTER TABLE " + table + " ALTER COLUMN " + name + " ADD " + identity,
                // RESTART takes no expression: the highest value is read, then the statement written with it
                "DO $$ BEGIN EXECUTE format('ALTER TABLE " + table + " ALTER COLUMN " + name + " RESTART WITH %s', "
                        + "(SELECT coalesce(max(" + name + "), 0) + 1 FROM " + table + ")); END $$",
                "DROP SEQUENCE " + sequence), List.of(), null).locking());
        inlineConstraints(b, ctx, add);
        b.note("Until the last deploy new rows take nextval('" + sequence + "'), a temporary sequence; the last deploy, in "
                + "one transaction under a brief ACCESS EXCLUSIVE lock (no rewrite, no scan), replaces that default by "
                + identity + ", restarts the identity after the highest " + name + " and drops " + sequence + ".");
        return r.build();
    }

    /**
     * A stored generated column: PostgreSQL can neither add one to a filled table nor make a plain column generated
     * without a rewrite, so the plan ends with a plain column that a {@link RowTrigger} sets to {@code expression} on
     * every INSERT and UPDATE (the running version's writes included), the existing rows filled in batches. That
     * plain column is the one difference from the original's schema, declared in a note ({@link #keptByTrigger}).
     */
    public static Recipe computed(AddColumn add, RecipeContext ctx, String type, String expression) {
        String table = add.table();
        String name = add.column().name();
        String trigger = generatedTrigger(table, name);
        List<String> columns = ctx.schema().table(table).map(t -> t.columns().stream().map(c -> c.name()).toList())
                .orElse(List.of());
        Recipe.Builder r = builder(add);
        Plan.Builder b = r.plan().deploy("add " + table + "." + name + " as a plain nullable " + type + " (catalog only) and "
                + "a trigger that sets it to " + expression + " on every INSERT and UPDATE");
        b.changeSet(addColumn(ctx, add, List.of(), type, List.of(), List.of()));
        RowTrigger.append(b, ctx, table, trigger, name, RowTrigger.fromRow(expression, columns, "NEW."));
        b.deploy("compute " + name + " for the existing rows in batches");
        // IS DISTINCT FROM skips the rows the trigger already computed
        String value = RowTrigger.fromRow(expression, columns, "");
        backfill(b, ctx, add, name + " = " + value, name + " IS DISTINCT FROM " + value, false);
        b.note("PostgreSQL cannot add a stored generated column to a filled table, nor turn a plain column into one, "
                + "without rewriting the table under ACCESS EXCLUSIVE, so the plan does not end at the original's schema: "
                + "it will " + keptByTrigger(table, name, trigger) + ". Unlike a generated column, a value the application "
                + "writes into " + name + " is replaced, not refused.");
        return r.build();
    }

    /**
     * The words of the note by which a plan declares that it ends with {@code column} a plain column that the
     * {@code trigger} keeps computed, instead of {@code GENERATED ALWAYS AS (...) STORED}: the one difference from the
     * original's schema it owns to (the composed-plan proof accepts exactly that difference when the plan says so).
     */
    public static String keptByTrigger(String table, String column, String trigger) {
        return "keep " + table + "." + column + " a plain column computed by the trigger " + trigger
                + " instead of a generated column";
    }

    /** The trigger (and its function) keeping a generated column's stand-in computed: {@code <table>_<column>_generated}. */
    public static String generatedTrigger(String table, String column) {
        return ConstraintStatements.generatedName(table, List.of(column), "generated");
    }

    /**
     * A NOT NULL column without a default: nullable first, then the application that writes it, then the
     * existing rows backfilled with a value the user chooses (the plan's required property
     * {@code <table>_<column>_backfill}) and NOT NULL via a check.
     */
    public static Recipe required(AddColumn add, RecipeContext ctx) {
        ColumnDef col = add.column();
        String table = add.table();
        String name = col.name();
        String type = ColumnRecipes.tidyType(col.type());
        String property = backfillProperty(table, name);
        Recipe.Builder r = builder(add);
        java.util.Optional<io.github.hotcompat.dialect.mysql.OnlineDdl> mysql = MySqlForms.of(ctx);
        Plan.Builder b = r.plan()
                .deploy("add " + table + "." + name + " as a nullable column (catalog only; the running version ignores it)");
        b.changeSet(mysql.isPresent()
                ? new PlanChangeSet(ctx.rewriteId("add-" + name), ctx.changeSet().author(), true,
                        List.of(MySqlForms.addColumn(mysql.get(), table, name, type)),
                        List.of(MySqlForms.dropColumn(table, name)), null).locking()
                : addColumn(ctx, add, List.of(), type, List.of(), List.of()));
        b.deploy("ship the application version that writes " + name + " (no migration in this deploy)")
                .code("Map " + table + "." + name + " in the entity and set it on every INSERT and UPDATE of " + table
                        + "; the previous version, still running during the rollout, leaves it NULL.");
        if (mysql.isPresent()) NotNullViaCheck.appendMySql(b, ctx, table, name, type, "${" + property + "}");
        else NotNullViaCheck.append(b, ctx, table, name, "${" + property + "}", true);
        b.property(property, null, "the value of " + table + "." + name + " for the existing rows, an SQL expression "
                + "of type " + type + ", e.g. a literal");
        b.note("The backfill value for existing rows is yours to choose: hotcompat cannot know a right one, so the plan "
                + "declares no default for the property " + property + ". Define it in the changelog or on the command "
                + "line before that deploy; with liquibase.missingPropertyMode=error an undefined property stops the "
                + "deploy before any statement runs.");
        Boolean pg11 = ctx.target().atLeast(11);
        if (mysql.isPresent()) {
            b.note("If one constant suits every existing row, the first deploy can instead be 'ALTER TABLE "
                    + MySqlForms.name(table) + " ADD COLUMN " + MySqlForms.name(name) + " " + type + " NOT NULL DEFAULT <constant>, "
                    + mysql.get().addColumn(false, true).guard() + "': the old version's inserts get the default. Then "
                    + "no further deploy is needed.");
        } else if (!Boolean.FALSE.equals(pg11)) {
            b.note("If one constant suits every existing row, on PostgreSQL 11+" + (pg11 == null ? " (set databaseVersion)" : "")
                    + " the first deploy can instead be 'ALTER TABLE " + table + " ADD COLUMN " + name + " " + type
                    + " NOT NULL DEFAULT <constant>': the constant is stored in the catalog, no rewrite, and the "
                    + "old version's inserts get the default. Then no further deploy is needed.");
        }
        return r.build();
    }

    /** The changelog property holding the backfill value of a required column. */
    public static String backfillProperty(String table, String column) {
        return (table + "_" + column + "_backfill").toLowerCase(Locale.ROOT);
    }

    /**
     * The column's inline REFERENCES, UNIQUE and PRIMARY KEY, once its rows are filled, each by its lock-free route
     * (as {@link InlineConstraints} writes them for a column added without a fill): the bare ADD COLUMN of the
     * first deploy drops them, and a plan must end at the schema the original changeset gives.
     */
    private static void inlineConstraints(Plan.Builder b, RecipeContext ctx, AddColumn add) {
        String table = add.table();
        String name = add.column().name();
        InlineConstraints.reference(ctx, add).ifPresent(fk -> {
            String definition = "FOREIGN KEY (" + name + ") REFERENCES " + fk.referencedTable()
                    + (fk.referencedColumns().isEmpty() ? "" : " " + ConstraintStatements.cols(fk.referencedColumns()))
                    + fk.actions();
            NotValidConstraint.append(b, ctx, table, fk.name(), List.of(NotValidConstraint.addNotValid(table, fk.name(), definition)),
                    List.of(), !fk.notValid());
        });
        if (add.column().primaryKey()) {
            // NOT NULL is already there (the fill, then NotNullViaCheck): no key column left nullable
            UniqueViaIndex.appendPrimaryKey(b, ctx, table, table + "_pkey", List.of(name), List.of());
        } else if (add.column().unique()) {
            UniqueViaIndex.appendUnique(b, ctx, table, ConstraintStatements.generatedName(table, List.of(name), "key"),
                    List.of(name), false);
        }
    }

    private static Recipe.Builder builder(AddColumn add) {
        return Recipe.builder("add-column-then-backfill:" + add.table().toLowerCase(Locale.ROOT) + "."
                + add.column().name().toLowerCase(Locale.ROOT)).replaces(add).rank(RANK);
    }

    /** The catalog-only changeset: {@code before}, the bare ADD COLUMN, {@code after}; undone by dropping the column. */
    private static PlanChangeSet addColumn(RecipeContext ctx, AddColumn add, List<String> before, String type,
                                           List<String> after, List<String> alsoUndo) {
        String name = add.column().name();
        List<String> statements = new ArrayList<>(before);
        statements.add("ALTER TABLE " + add.table() + " ADD COLUMN " + name + " " + type);
        statements.addAll(after);
        List<String> rollback = new ArrayList<>();
        rollback.add("ALTER TABLE " + add.table() + " DROP COLUMN IF EXISTS " + name);
        rollback.addAll(alsoUndo);
        return new PlanChangeSet(ctx.rewriteId("add-" + name), ctx.changeSet().author(), true, statements, rollback, null)
                .locking();
    }

    private static void backfill(Plan.Builder b, RecipeContext ctx, AddColumn add, String assignment, String pending) {
        backfill(b, ctx, add, assignment, pending, true);
    }

    /** {@code applicationWrites} false: a trigger fills the rows the running version writes, not its code. */
    private static void backfill(Plan.Builder b, RecipeContext ctx, AddColumn add, String assignment, String pending,
                                 boolean applicationWrites) {
        String name = add.column().name();
        b.blockChangeSet(ctx.rewriteId(name + "-fill"), ctx.changeSet().author(),
                BatchedBackfill.update(ctx.schema(), add.table(), assignment, pending), null);
        (applicationWrites ? BatchedBackfill.notes(ctx.schema(), add.table())
                : BatchedBackfill.notesWithTrigger(ctx.schema(), add.table())).forEach(b::note);
    }
}
