package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A UNIQUE constraint or primary key without building its index under ACCESS EXCLUSIVE: {@code
 * CREATE UNIQUE INDEX CONCURRENTLY} (outside a transaction, writes go on), then {@code ADD CONSTRAINT
 * ... USING INDEX}, a brief lock with no build and no scan. A primary key also needs its columns NOT
 * NULL: NOT VALID checks, validated, then {@code SET NOT NULL} (which PostgreSQL 12+ proves from them).
 */
public final class UniqueViaIndex {
    private UniqueViaIndex() {
    }

    public static Recipe unique(AddConstraint unique, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(unique, ctx.schema());
        boolean nullsNotDistinct = unique.origin().fromSql()
                && unique.origin().sql().matches("(?is).*UNIQUE\\s+NULLS\\s+NOT\\s+DISTINCT.*");
        Recipe.Builder r = Recipe.builder(key(unique.table(), name)).replaces(unique).rank(ConcurrentIndex.RANK);
        r.plan().deploy(UNIQUE_SUMMARY);
        appendUnique(r.plan(), ctx, unique.table(), name, unique.columns(), nullsNotDistinct);
        return r.build();
    }

    public static Recipe primaryKey(AddConstraint pk, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(pk, ctx.schema());
        Recipe.Builder r = Recipe.builder(key(pk.table(), name)).replaces(pk).rank(ConcurrentIndex.RANK);
        List<String> nullable = nullableKeyColumns(ctx, pk.table(), pk.columns());
        r.plan().deploy(primaryKeySummary(nullable));
        appendPrimaryKey(r.plan(), ctx, pk.table(), name, pk.columns(), nullable);
        return r.build();
    }

    static final String UNIQUE_SUMMARY = "build the unique index without blocking writes, then turn it into the "
            + "constraint (a brief ACCESS EXCLUSIVE lock, no scan)";

    static String key(String table, String constraint) {
        return "unique-via-index:" + (table + "." + constraint).toLowerCase(Locale.ROOT);
    }

    /** Key columns the replay does not know to be NOT NULL: they get the NOT VALID check route. */
    static List<String> nullableKeyColumns(RecipeContext ctx, String table, List<String> columns) {
        return columns.stream().filter(c -> !ConstraintStatements.knownNotNull(ctx.schema(), table, c)).toList();
    }

    static String primaryKeySummary(List<String> nullable) {
        return nullable.isEmpty()
                ? "build the unique index without blocking writes, then turn it into the primary key (a brief "
                        + "ACCESS EXCLUSIVE lock, no scan)"
                : "build the unique index without blocking writes; add NOT VALID checks that the key columns are "
                        + "not null (new rows are checked at once, no scan)";
    }

    /** The concurrent unique index and the constraint using it, in the builder's current deploy. */
    static void appendUnique(Plan.Builder b, RecipeContext ctx, String table, String name, List<String> columns,
                             boolean nullsNotDistinct) {
        String author = ctx.changeSet().author();
        b.changeSet(ctx.rewriteId(name + "-index"), author, false,
                        List.of(ConcurrentIndex.createUnique(name, table, columns, nullsNotDistinct)),
                        List.of(ConcurrentIndexDrop.statement(name)))
                .changeSet(new PlanChangeSet(ctx.rewriteId(name + "-constraint"), author, true,
                        List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " UNIQUE USING INDEX " + name),
                        List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name), null).locking())
                .note(failureNote(name, "a duplicate, or a deadlock", "remove duplicates"));
    }

    /**
     * The concurrent unique index and NOT VALID checks for the {@code nullable} key columns in the
     * builder's current deploy; then, when there are checks, a deploy validating them and one that sets
     * NOT NULL, drops the checks and attaches the primary key.
     */
    // NOT NULL via CHECK is written here until recipe.NotNullViaCheck lands; then this uses it.
    static void appendPrimaryKey(Plan.Builder b, RecipeContext ctx, String table, String name, List<String> columns,
                                 List<String> nullable) {
        String author = ctx.changeSet().author();
        b.changeSet(ctx.rewriteId(name + "-index"), author, false,
                List.of(ConcurrentIndex.createUnique(name, table, columns, false)),
                List.of(ConcurrentIndexDrop.statement(name)));
        List<String> checks = new ArrayList<>();
        for (String column : nullable) {
            String check = NotNullViaCheck.name(ctx.schema(), table, column);
            checks.add(check);
            b.changeSet(new PlanChangeSet(ctx.rewriteId(check), author, true,
                    List.of("ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID"),
                    List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + check), null).locking());
        }
        if (!nullable.isEmpty()) {
            b.deploy("fill any NULL key values, then validate the checks (SHARE UPDATE EXCLUSIVE: reads and "
                    + "writes go on during the scan)");
            for (String check : checks) {
                b.changeSet(ctx.rewriteId(check + "-validate"), author, true,
                        List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check), List.of());
            }
            b.deploy("mark the columns NOT NULL (the validated checks spare the scan), drop the checks and "
                    + "turn the index into the primary key (brief ACCESS EXCLUSIVE, no scan, no build)");
        }
        List<String> finish = new ArrayList<>();
        for (int i = 0; i < nullable.size(); i++) {
            finish.add("ALTER TABLE " + table + " ALTER COLUMN " + nullable.get(i) + " SET NOT NULL");
            finish.add("ALTER TABLE " + table + " DROP CONSTRAINT " + checks.get(i));
        }
        finish.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " PRIMARY KEY USING INDEX " + name);
        b.changeSet(new PlanChangeSet(ctx.rewriteId(name + "-constraint"), author, true, finish,
                        List.of("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name), null).locking())
                .note(failureNote(name, "a duplicate key, or a deadlock", "fix the duplicates"));
        if (!nullable.isEmpty()) {
            Boolean pg12 = ctx.target().atLeast(12);
            if (pg12 == null) {
                b.assumesVersion(12);
                b.note("SET NOT NULL skips its scan only on PostgreSQL 12+ (it uses the validated check); "
                        + "set databaseVersion to know. On older versions it scans " + table + " under ACCESS EXCLUSIVE.");
            } else if (!pg12) {
                b.note("On PostgreSQL " + ctx.target().version() + " SET NOT NULL still scans " + table
                        + " under ACCESS EXCLUSIVE (the check is used from 12 on): plan that step for a quiet moment.");
            }
        }
    }

    private static String failureNote(String name, String causes, String remedy) {
        return "CREATE UNIQUE INDEX CONCURRENTLY cannot run in a transaction, hence runInTransaction=\"false\". "
                + "If it fails (" + causes + ") it leaves an INVALID index: " + remedy + ", "
                + ConcurrentIndexDrop.statement(name) + " and deploy again.";
    }
}
