package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A type change without a rewrite under ACCESS EXCLUSIVE, as GitLab's {@code change_column_type_concurrently}
 * and {@code cleanup_concurrent_column_type_change} do it: a shadow column of the new type that a trigger keeps
 * equal to the converted column on every write, filled by the {@link BatchedBackfill}, given what the column has
 * (NOT NULL, indexes, primary key or unique constraint, default), then swapped with the column in one short
 * transaction, so the application uses the original name throughout and needs no code change. The old values
 * end under the shadow's name and are dropped in a later deploy.
 */
public final class ShadowColumnType {
    public static final int RANK = 20;
    private static final Pattern NEXTVAL = Pattern.compile("(?i)nextval\\('([^']+)'(::regclass)?\\)");

    private ShadowColumnType() {
    }

    /** The shadow column's name (GitLab's): {@code <column>_for_type_change}, cut to 63 characters. */
    public static String shadow(String column) {
        return ConstraintStatements.generatedName(column, List.of(), "for_type_change");
    }

    /** The trigger's (and its function's) name: {@code <table>_<column>_type_change}, cut to 63 characters. */
    public static String trigger(String table, String column) {
        return ConstraintStatements.generatedName(table, List.of(column), "type_change");
    }

    /**
     * The conversion as the trigger function writes it: the USING expression with every column read from
     * {@code NEW} (JSqlParser rewrites the column references), else {@code NEW.column::newType}.
     */
    static String conversion(AlterColumnType act, String newType, String row) {
        if (act.using() == null) return row + act.column() + "::" + newType;
        return RowTrigger.fromRow(act.using(), List.of(act.column()), row);
    }

    /**
     * @param newTypeBase the new type's base name; the plan names its columns after the column alone
     * @param oldNotNull  whether the old column is NOT NULL (unknown: the plan says it cannot tell)
     */
    public static Recipe of(AlterColumnType act, RecipeContext ctx, String newType, String newTypeBase, boolean oldNotNull) {
        String table = act.table();
        String column = act.column();
        String author = ctx.changeSet().author();
        Schema schema = ctx.schema();
        Optional<Schema.Column> known = schema.column(table, column);
        String shadow = shadow(column);
        String swapName = ConstraintStatements.generatedName(column, List.of(), "type_change_swap");
        String fn = trigger(table, column);
        String key = table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
        Recipe.Builder r = Recipe.builder("shadow-column-type:" + key).replaces(act).rank(RANK);

        Plan.Builder b = r.plan()
                .deploy("add the column " + shadow + " " + newType + " beside " + column + " (catalog only) and a trigger "
                        + "that sets it from " + column + " on every INSERT and UPDATE; the application keeps using " + column)
                .changeSet(new PlanChangeSet(ctx.rewriteId("add-" + shadow), author, true,
                        List.of("ALTER TABLE " + table + " ADD COLUMN " + shadow + " " + newType),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + shadow), null).locking());
        RowTrigger.append(b, ctx, table, fn, shadow, conversion(act, newType, "NEW."));
        b.deploy("copy the existing values into " + shadow + " in batches")
                // IS DISTINCT FROM skips the rows the trigger already converted
                .blockChangeSet(ctx.rewriteId("fill-" + shadow), author, BatchedBackfill.update(schema, table,
                        shadow + " = " + conversion(act, newType, ""), shadow + " IS DISTINCT FROM " + conversion(act, newType, "")), null);

        // what the column has, rebuilt on the shadow before the swap
        List<Schema.Constraint> keys = schema.table(table).map(t -> t.constraints().stream()
                .filter(c -> (c.kind() == ConstraintKind.PRIMARY_KEY || c.kind() == ConstraintKind.UNIQUE) && c.name() != null
                        && c.columns().stream().anyMatch(column::equalsIgnoreCase)).toList()).orElse(List.of());
        List<Schema.Index> indexes = schema.indexes().stream().filter(i -> i.table().equalsIgnoreCase(table)
                && i.columns().stream().anyMatch(column::equalsIgnoreCase)
                && keys.stream().noneMatch(k -> k.name().equalsIgnoreCase(i.name()))).toList();
        boolean primaryKey = keys.stream().anyMatch(k -> k.kind() == ConstraintKind.PRIMARY_KEY);
        List<String> swapIndexes = new ArrayList<>();
        List<String> attachKeys = new ArrayList<>();
        if (!keys.isEmpty() || !indexes.isEmpty()) {
            b.deploy("build on " + shadow + " the indexes " + column + " has, without blocking writes");
            for (Schema.Index i : indexes) {
                String tmp = ConstraintStatements.generatedName(i.name(), List.of(), "tc");
                List<String> cols = i.columns().stream().map(c -> c.equalsIgnoreCase(column) ? shadow : c).toList();
                b.changeSet(ctx.rewriteId(tmp + "-index"), author, false,
                        List.of("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + tmp + " ON "
                                + table + " " + ConstraintStatements.cols(cols)),
                        List.of(ConcurrentIndexDrop.statement(tmp)));
                swapIndexes.add("ALTER INDEX " + i.name() + " RENAME TO " + ConstraintStatements.generatedName(i.name(), List.of(), "old"));
                swapIndexes.add("ALTER INDEX " + tmp + " RENAME TO " + i.name());
            }
            for (Schema.Constraint k : keys) {
                String tmp = ConstraintStatements.generatedName(k.name(), List.of(), "tc");
                List<String> cols = k.columns().stream().map(c -> c.equalsIgnoreCase(column) ? shadow : c).toList();
                b.changeSet(ctx.rewriteId(tmp + "-index"), author, false,
                        List.of(ConcurrentIndex.createUnique(tmp, table, cols, false)), List.of(ConcurrentIndexDrop.statement(tmp)));
                attachKeys.add("ALTER TABLE " + table + " ADD CONSTRAINT " + k.name() + " "
                        + (k.kind() == ConstraintKind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX " + tmp);
            }
            b.note("CREATE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\"; if a build "
                    + "fails it leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY IF EXISTS and deploy again.");
        }
        // a primary key makes the shadow NOT NULL as well: ADD PRIMARY KEY USING INDEX would otherwise scan
        if (known.isPresent() && (oldNotNull || primaryKey)) NotNullViaCheck.append(b, ctx, table, shadow, null, true);

        List<String> swap = new ArrayList<>();
        swap.add("DROP TRIGGER " + fn + " ON " + table);
        swap.add("DROP FUNCTION " + fn + "()");
        for (Schema.Constraint k : keys) swap.add("ALTER TABLE " + table + " DROP CONSTRAINT " + k.name());
        // the old values stay a while under the shadow's name: the running version's inserts no longer give them
        swap.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL");
        swap.add("ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + swapName);
        swap.add("ALTER TABLE " + table + " RENAME COLUMN " + shadow + " TO " + column);
        swap.add("ALTER TABLE " + table + " RENAME COLUMN " + swapName + " TO " + shadow);
        String defaultValue = known.map(Schema.Column::defaultValue).orElse(null);
        if (defaultValue != null) {
            swap.add("ALTER TABLE " + table + " ALTER COLUMN " + shadow + " DROP DEFAULT");
            swap.add("ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT " + defaultValue);
            Matcher seq = NEXTVAL.matcher(defaultValue);
            // a serial's sequence belongs to the old column: dropped with it unless it changes owner
            if (seq.find()) swap.add("ALTER SEQUENCE " + seq.group(1) + " OWNED BY " + table + "." + column);
        }
        swap.addAll(attachKeys);
        swap.addAll(swapIndexes);
        b.deploy("swap the columns in one short transaction (brief ACCESS EXCLUSIVE, catalog only): drop the trigger, "
                        + column + " becomes the " + newType + " column and " + shadow + " holds the old values")
                .changeSet(new PlanChangeSet(ctx.rewriteId("swap-" + column), author, true, swap, List.of(), null).locking());
        b.deploy("drop the old values once no running version uses " + shadow)
                .code("Nothing to change in the application, which never used " + table + "." + shadow + ": only remove "
                        + "what may read it (a report, another service) before this deploy.")
                .changeSet(new PlanChangeSet(ctx.rewriteId("drop-" + shadow), author, true,
                        List.of("ALTER TABLE " + table + " DROP COLUMN " + shadow), List.of(), null).locking());

        b.note("From the first deploy on, every INSERT and UPDATE of " + table + " also converts " + column + " to "
                + newType + " (the trigger, which also covers the rows written while the backfill runs): a value that "
                + "does not convert fails the write, as the original ALTER would have failed.");
        if (known.isEmpty()) {
            b.note("The changelog does not create " + table + "." + column + ", so hotcompat does not know its NOT NULL, "
                    + "default, indexes or constraints: give " + shadow + " the same ones before the swap (NOT VALID check "
                    + "then VALIDATE and SET NOT NULL, CREATE INDEX CONCURRENTLY, PRIMARY KEY USING INDEX, SET DEFAULT in the swap).");
        }
        if (!schema.referencingTables(table).isEmpty()) {
            b.note("Foreign keys of " + String.join(", ", schema.referencingTables(table)) + " that reference "
                    + table + "." + column + " stay on the old column: drop and re-add them NOT VALID on the new one "
                    + "before the old column's drop (which fails while they exist).");
        }
        BatchedBackfill.notesWithTrigger(schema, table).forEach(b::note);
        return r.build();
    }
}
