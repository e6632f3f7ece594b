package io.github.hotcompat.plan;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.OperationExtractor;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner on hand-made recipes: what it keeps, in which order, who wins an operation, how the
 * deploys of several recipes line up, where a lock timeout goes, and what travels with the kept
 * statements (comment, suppressions).
 */
class PlannerTest {
    private static final String GUARD = "SET lock_timeout = '5s'";

    @TempDir
    Path dir;

    /** The changeset (the only one of the changelog) and its operations, as the analysis reads them. */
    private record Loaded(LoadedChangeSet cs, List<Operation> ops, String database) {
        Planner planner() {
            return new Planner(cs, ops, database);
        }

        Operation op(int i) {
            return ops.get(i);
        }
    }

    private Loaded load(String changeSet) throws IOException {
        return load(changeSet, "postgresql");
    }

    private Loaded load(String changeSet, String database) throws IOException {
        Files.writeString(dir.resolve("changes.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """ + changeSet + "\n</databaseChangeLog>\n");
        List<LoadedChangeSet> loaded = new ChangeLogLoader(dir, List.of(dir), getClass().getClassLoader(), database)
                .load("changes.xml");
        assertEquals(1, loaded.size());
        try (OperationExtractor extractor = new OperationExtractor(database)) {
            return new Loaded(loaded.get(0), extractor.extract(loaded.get(0)), database);
        }
    }

    /** Three statements: a table, an index on it (the one recipes replace), an insert. */
    private Loaded threeStatements() throws IOException {
        return load("""
                <changeSet id="2" author="ana">
                    <comment>add the audit table</comment>
                    <sql>CREATE TABLE audit (id bigint)</sql>
                    <sql>CREATE INDEX idx_users_email ON users (email)</sql>
                    <sql>INSERT INTO audit (id) VALUES (1)</sql>
                </changeSet>
                """);
    }

    /** A kept changeset's rollback is Liquibase's for the target: MySQL's MODIFY / CHANGE (a reserved word in backticks), not PostgreSQL's ALTER COLUMN. */
    @Test
    void keptChangeSetRollbackIsTheTargetsSql() throws IOException {
        String changeSet = """
                <changeSet id="2" author="ana">
                    <addNotNullConstraint tableName="orders" columnName="note" columnDataType="VARCHAR(40)"/>
                    <renameColumn tableName="orders" oldColumnName="ref" newColumnName="reference" columnDataType="CHAR(36)"/>
                </changeSet>
                """;
        Loaded mysql = load(changeSet, "mysql");
        Plan plan = mysql.planner().compose(List.of(Recipe.builder("guard")
                .guard(List.of("SET SESSION lock_wait_timeout = 5"), List.of(mysql.op(0))).build()), List.of());
        List<String> rollback = changeSet(plan, "2").rollback();
        assertEquals(List.of("ALTER TABLE orders CHANGE `reference` ref CHAR(36)",
                "ALTER TABLE orders MODIFY note VARCHAR(40) NULL"), rollback);
        assertTrue(rollback.stream().noneMatch(s -> s.matches("(?is).*ALTER\\s+COLUMN.*")), rollback::toString);

        Loaded pg = load(changeSet, "postgresql");
        Plan pgPlan = pg.planner().compose(List.of(Recipe.builder("guard")
                .guard(List.of(GUARD), List.of(pg.op(0))).build()), List.of());
        assertEquals(List.of("ALTER TABLE orders RENAME COLUMN reference TO ref",
                "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL"), changeSet(pgPlan, "2").rollback());
    }

    private static Recipe replacing(String key, int rank, Operation op, String id, String sql) {
        Recipe.Builder r = Recipe.builder(key).rank(rank).replaces(op);
        r.plan().deploy("replace " + key).changeSet(new PlanChangeSet(id, "ana", false, List.of(sql), List.of(), null));
        return r.build();
    }

    private static List<String> ids(Plan.Deploy d) {
        return d.changeSets().stream().map(PlanChangeSet::id).toList();
    }

    private static PlanChangeSet changeSet(Plan plan, String id) {
        return plan.deploys().stream().flatMap(d -> d.changeSets().stream()).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no changeset " + id + " in " + plan));
    }

    @Test
    void keptStatementsStayInTheirOrderAroundTheReplacement() throws IOException {
        Loaded l = threeStatements();
        Plan plan = l.planner().compose(List.of(replacing("index", 10, l.op(1), "2-concurrently",
                "CREATE INDEX CONCURRENTLY idx_users_email ON users (email)")), List.of());
        assertEquals(1, plan.deploys().size());
        assertEquals(List.of("2-before", "2-concurrently", "2-after"), ids(plan.deploys().get(0)));
        assertEquals(List.of("CREATE TABLE audit (id bigint)"), changeSet(plan, "2-before").statements());
        assertEquals(List.of("INSERT INTO audit (id) VALUES (1)"), changeSet(plan, "2-after").statements());
        // kept statements run as the original did: in a transaction
        assertTrue(changeSet(plan, "2-after").runInTransaction());
        assertTrue(plan.notes().get(0).startsWith("Deploy 1 keeps the other statements of changeset '2'"), plan.notes().toString());
    }

    @Test
    void theOriginalsCommentIsKeptOnItsKeptStatements() throws IOException {
        Loaded l = threeStatements();
        Plan plan = l.planner().compose(List.of(replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY x")),
                List.of());
        assertEquals("add the audit table", changeSet(plan, "2-before").comment());
        assertEquals("add the audit table", changeSet(plan, "2-after").comment());
    }

    @Test
    void theHigherRankWritesAnOperationTwoRecipesReplace() throws IOException {
        Loaded l = threeStatements();
        Recipe low = replacing("move", 1, l.op(1), "2-own-changeset", "CREATE INDEX idx_users_email ON users (email)");
        Recipe high = replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY idx_users_email ON users (email)");
        for (List<Recipe> order : List.of(List.of(low, high), List.of(high, low))) {
            Plan plan = l.planner().compose(order, List.of());
            assertEquals(List.of("2-before", "2-concurrently", "2-after"), ids(plan.deploys().get(0)), order.toString());
        }
    }

    @Test
    void aRecipeAskedTwiceIsComposedOnce() throws IOException {
        Loaded l = threeStatements();
        Recipe r = replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY x");
        Recipe again = replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY x");
        Plan plan = l.planner().compose(List.of(r, again), List.of());
        assertEquals(List.of("2-before", "2-concurrently", "2-after"), ids(plan.deploys().get(0)));
    }

    @Test
    void deploysAreAlignedOnTheAnchorsAndApplicationStepsMerged() throws IOException {
        Loaded l = threeStatements();
        // a two-release recipe on the table statement: application step first, its replacement in deploy 2, a cleanup after
        Recipe.Builder twoRelease = Recipe.builder("expand").rank(5).replaces(l.op(0)).anchor(1);
        twoRelease.plan().deploy("ship the code").code("Ship code that writes both")
                .deploy("expand").code("Ship code that reads audit")
                .changeSet(new PlanChangeSet("2-expand", "ana", true, List.of("CREATE TABLE audit (id bigint)"), List.of(), null))
                .deploy("contract").changeSet(new PlanChangeSet("2-contract", "ana", true, List.of("DROP TABLE old_audit"), List.of(), null));
        // a one-release recipe on the index whose only deploy also needs code
        Recipe.Builder oneRelease = Recipe.builder("index").rank(10).replaces(l.op(1));
        oneRelease.plan().deploy("concurrent index").code("Ship code that reads audit")
                .changeSet(new PlanChangeSet("2-concurrently", "ana", false, List.of("CREATE INDEX CONCURRENTLY x"), List.of(), null));
        Plan plan = l.planner().compose(List.of(oneRelease.build(), twoRelease.build()), List.of());

        assertEquals(3, plan.deploys().size(), plan.toString());
        Plan.Deploy first = plan.deploys().get(0), anchor = plan.deploys().get(1), last = plan.deploys().get(2);
        assertEquals("Ship code that writes both", first.codeChange());
        assertTrue(first.changeSets().isEmpty());
        // both recipes' replacements in the anchor deploy, in the original order, with the kept insert
        assertEquals(List.of("2-expand", "2-concurrently", "2-after"), ids(anchor));
        // the same application step asked by both is written once
        assertEquals("Ship code that reads audit", anchor.codeChange());
        assertEquals(List.of("2-contract"), ids(last));
        assertFalse(plan.oneRelease());
    }

    @Test
    void distinctApplicationStepsOfOneDeployAreJoined() throws IOException {
        Loaded l = threeStatements();
        Recipe.Builder a = Recipe.builder("a").rank(5).replaces(l.op(0));
        a.plan().deploy("a").code("Ship code A").changeSet(new PlanChangeSet("2-a", "ana", true, List.of("SELECT 1"), List.of(), null));
        Recipe.Builder b = Recipe.builder("b").rank(5).replaces(l.op(2));
        b.plan().deploy("b").code("Ship code B").changeSet(new PlanChangeSet("2-b", "ana", true, List.of("SELECT 2"), List.of(), null));
        Plan plan = l.planner().compose(List.of(a.build(), b.build()), List.of());
        assertEquals(1, plan.deploys().size());
        assertEquals("Ship code A; and Ship code B", plan.deploys().get(0).codeChange());
        assertEquals(List.of("2-a", "2-kept-1", "2-b"), ids(plan.deploys().get(0)));
    }

    @Test
    void theLockTimeoutGuardsTheKeptStatementsItProtects() throws IOException {
        Loaded l = threeStatements();
        Recipe guard = Recipe.builder("lock-timeout").guard(List.of(GUARD), List.of(l.op(2))).build();
        Plan plan = l.planner().compose(List.of(guard), List.of());
        assertEquals(1, plan.deploys().size());
        PlanChangeSet kept = plan.deploys().get(0).changeSets().get(0);
        assertEquals("2", kept.id());
        // scoped to the changeset's transaction, so it does not outlive it
        assertEquals(List.of("SET LOCAL lock_timeout = '5s'", "CREATE TABLE audit (id bigint)",
                "CREATE INDEX idx_users_email ON users (email)", "INSERT INTO audit (id) VALUES (1)"), kept.statements());
    }

    @Test
    void theLockTimeoutGoesIntoARecipeChangesetThatLocksAndNotIntoAConcurrentOne() throws IOException {
        Loaded l = threeStatements();
        Recipe guard = Recipe.builder("lock-timeout").guard(List.of(GUARD), List.of(l.op(1))).build();
        Recipe concurrent = replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY x");
        Plan plan = l.planner().compose(List.of(guard, concurrent), List.of());
        assertEquals(List.of("CREATE INDEX CONCURRENTLY x"), changeSet(plan, "2-concurrently").statements());
        assertFalse(changeSet(plan, "2-before").statements().contains(GUARD));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("No changeset of this plan waits for a lock")), plan.notes().toString());

        Recipe.Builder locking = Recipe.builder("validate").rank(10).replaces(l.op(1));
        locking.plan().deploy("validate")
                .changeSet(new PlanChangeSet("2-validate", "ana", false, List.of("ALTER TABLE users VALIDATE CONSTRAINT c"), List.of(), null).locking());
        Plan guarded = l.planner().compose(List.of(guard, locking.build()), List.of());
        // outside a transaction the session setting is reset at the changeset's end
        assertEquals(List.of(GUARD, "ALTER TABLE users VALIDATE CONSTRAINT c", "RESET lock_timeout"),
                changeSet(guarded, "2-validate").statements());
    }

    @Test
    void aTransactionalReplacementOfAGuardedStatementIsGuarded() throws IOException {
        Loaded l = threeStatements();
        Recipe guard = Recipe.builder("lock-timeout").guard(List.of(GUARD), List.of(l.op(1))).build();
        Recipe.Builder inTransaction = Recipe.builder("not-valid").rank(10).replaces(l.op(1));
        inTransaction.plan().deploy("not valid")
                .changeSet(new PlanChangeSet("2-not-valid", "ana", true, List.of("ALTER TABLE users ADD CONSTRAINT c CHECK (a) NOT VALID"), List.of(), null));
        Plan plan = l.planner().compose(List.of(guard, inTransaction.build()), List.of());
        assertEquals("SET LOCAL lock_timeout = '5s'", changeSet(plan, "2-not-valid").statements().get(0));
    }

    @Test
    void suppressionsTravelToTheKeptStatementsTheyAreAbout() throws IOException {
        Loaded l = threeStatements();
        String ignoreInsert = "hotcompat:ignore unbatched-backfill -- one row";
        String ignoreIndex = "hotcompat:ignore index-not-concurrent -- tiny table";
        Plan plan = l.planner().compose(List.of(replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY x")),
                List.of(new Planner.Suppression(ignoreInsert, List.of(l.op(2))), new Planner.Suppression(ignoreIndex, List.of(l.op(1)))));
        assertEquals("add the audit table " + ignoreInsert, changeSet(plan, "2-after").comment());
        assertEquals("add the audit table", changeSet(plan, "2-before").comment());
        // the recipe's changeset gets the original's comment, but not a suppression of what it rewrote
        assertEquals("add the audit table", changeSet(plan, "2-concurrently").comment());
        assertTrue(plan.notes().stream().anyMatch(n -> n.equals("The suppression '" + ignoreIndex
                + "' is not carried over: the statement it was about is rewritten by this plan.")), plan.notes().toString());
    }

    @Test
    void propertiesOfTheRecipesAreMergedByName() throws IOException {
        Loaded l = threeStatements();
        Recipe.Builder a = Recipe.builder("a").rank(5).replaces(l.op(0));
        a.plan().deploy("a").changeSet(new PlanChangeSet("2-a", "ana", true, List.of("SELECT ${batch}"), List.of(), null))
                .property("batch", "1000", "rows per batch").property("tenant", null, "the tenant to backfill");
        Recipe.Builder b = Recipe.builder("b").rank(5).replaces(l.op(2));
        b.plan().deploy("b").changeSet(new PlanChangeSet("2-b", "ana", true, List.of("SELECT ${batch}"), List.of(), null))
                .property("batch", "1000", "rows per batch");
        Plan plan = l.planner().compose(List.of(a.build(), b.build()), List.of());
        assertEquals(List.of(new Plan.Property("batch", "1000", "rows per batch"),
                new Plan.Property("tenant", null, "the tenant to backfill")), plan.properties());
        assertTrue(plan.properties().get(1).required());
    }

    @Test
    void thePlanAssumesTheHighestVersionItsRecipesAssume() throws IOException {
        Loaded l = threeStatements();
        Recipe.Builder a = Recipe.builder("a").rank(5).replaces(l.op(0));
        a.plan().deploy("a").changeSet(new PlanChangeSet("2-a", "ana", true, List.of("SELECT 1"), List.of(), null))
                .assumesVersion(11).assumesVersion(12);
        Recipe.Builder b = Recipe.builder("b").rank(5).replaces(l.op(2));
        b.plan().deploy("b").changeSet(new PlanChangeSet("2-b", "ana", true, List.of("SELECT 2"), List.of(), null));
        assertEquals(12, l.planner().compose(List.of(a.build(), b.build()), List.of()).assumesVersion());
        assertEquals(null, l.planner().compose(List.of(b.build()), List.of()).assumesVersion(),
                "a plan no recipe of which relies on a version assumes none");
    }

    @Test
    void aChangeThatCannotBeWrittenOutIsNamedWithItsPlace() throws IOException {
        Loaded l = load("""
                <changeSet id="2" author="ana">
                    <sql>CREATE INDEX idx_users_email ON users (email)</sql>
                    <customChange class="com.example.NoSuchChange"/>
                </changeSet>
                """);
        Plan plan = l.planner().compose(List.of(replacing("index", 10, l.op(0), "2-concurrently", "CREATE INDEX CONCURRENTLY x")),
                List.of());
        assertEquals(List.of("2-concurrently"), ids(plan.deploys().get(0)));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Change 2 (customChange) of changeset '2' is not carried over: ")
                && n.endsWith("keep it, as written, in deploy 1 after changeset '2-concurrently'.")), plan.notes().toString());
    }

    @Test
    void adviceOnlyRecipesGiveNotesAndNoDeploy() throws IOException {
        Loaded l = threeStatements();
        Recipe.Builder advice = Recipe.builder("advice");
        advice.plan().note("Consider a partial index.");
        Plan plan = l.planner().compose(List.of(advice.build()), List.of());
        assertTrue(plan.deploys().isEmpty());
        assertEquals(List.of("Consider a partial index."), plan.notes());
    }

    @Test
    void aSuppressionInTheOriginalsCommentStaysOffTheChangesetsOfARecipe() throws IOException {
        String ignore = "hotcompat:ignore index-not-concurrent -- tiny table";
        Loaded l = load("""
                <changeSet id="2" author="ana">
                    <comment>%s</comment>
                    <sql>CREATE TABLE audit (id bigint)</sql>
                    <sql>CREATE INDEX idx_users_email ON users (email)</sql>
                </changeSet>
                """.formatted(ignore));
        Plan plan = l.planner().compose(List.of(replacing("index", 10, l.op(1), "2-concurrently", "CREATE INDEX CONCURRENTLY x")),
                List.of(new Planner.Suppression(ignore, List.of(l.op(1)))));
        // left on the recipe's changeset, it would suppress nothing there: an unused suppression
        assertEquals(null, changeSet(plan, "2-concurrently").comment());
        assertEquals(ignore, changeSet(plan, "2-before").comment());
    }

    @Test
    void aPlanNeverUsesAColumnBeforeTheDeployThatAddsIt() throws IOException {
        Loaded l = load("""
                <changeSet id="6" author="bo">
                    <addColumn tableName="users"><column name="region" type="text"><constraints nullable="false"/></column></addColumn>
                </changeSet>
                """);
        Operation add = l.op(0);
        // nullable column first, then the code that writes it, then the NOT NULL
        Recipe.Builder adding = Recipe.builder("add-then-backfill").rank(20).replaces(add);
        adding.plan().deploy("add").changeSet(new PlanChangeSet("6-add-region", "bo", true,
                        List.of("ALTER TABLE users ADD COLUMN region text"), List.of(), null))
                .deploy("code").code("Ship code that writes region")
                .deploy("enforce").changeSet(new PlanChangeSet("6-region-not-null-check", "bo", true,
                        List.of("ALTER TABLE users ADD CONSTRAINT users_region_not_null CHECK (region IS NOT NULL) NOT VALID"), List.of(), null));
        // a higher-ranked whole plan on the same operation that only uses the column: code first, then a check
        Recipe.Builder using = Recipe.builder("code-first").rank(40).replaces(add);
        using.plan().deploy("code").code("Ship code that writes region")
                .deploy("enforce").changeSet(new PlanChangeSet("6-region-check", "bo", true,
                        List.of("ALTER TABLE users ADD CONSTRAINT users_region_not_null CHECK (region IS NOT NULL) NOT VALID"), List.of(), null));
        for (List<Recipe> order : List.of(List.of(adding.build(), using.build()), List.of(using.build(), adding.build()))) {
            Plan plan = l.planner().compose(order, List.of());
            int added = -1;
            for (int d = 0; d < plan.deploys().size(); d++) {
                Plan.Deploy deploy = plan.deploys().get(d);
                boolean adds = deploy.changeSets().stream().flatMap(c -> c.statements().stream())
                        .anyMatch(st -> st.contains("ADD COLUMN region"));
                if (adds && added < 0) added = d;
                boolean uses = (deploy.codeChange() != null && deploy.codeChange().contains("region"))
                        || deploy.changeSets().stream().flatMap(c -> c.statements().stream())
                        .anyMatch(st -> st.contains("region") && !st.contains("ADD COLUMN region"));
                assertTrue(!uses || (added >= 0 && added <= d), "deploy " + (d + 1) + " uses region before it is added: " + plan);
            }
            assertEquals(0, added, plan.toString());
            assertEquals(List.of("6-add-region"), ids(plan.deploys().get(0)));
            assertEquals(3, plan.deploys().size(), plan.toString());
        }
    }
}
