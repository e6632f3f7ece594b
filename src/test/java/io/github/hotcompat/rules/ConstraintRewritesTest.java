package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.recipe.LockTimeout;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewrites carry the real names, PostgreSQL's generated constraint names, and render runnable changesets. */
class ConstraintRewritesTest {

    private static String rendered(String fixture, String ruleId, String changeSetId) throws Exception {
        AnalysisResult r = FixtureRunner.analyze(Path.of("src/test/resources/fixtures", fixture));
        Finding f = r.findings().stream().filter(x -> x.ruleId().equals(ruleId) && x.changeSetId().equals(changeSetId))
                .findFirst().orElseThrow();
        var format = r.changeSets().stream().filter(c -> c.id().equals(changeSetId)).findFirst().orElseThrow().format();
        return PlanRenderer.render(f.plan(), format);
    }

    @Test
    void unnamedForeignKeyGetsPostgresNameAndKeepsItsActions() throws Exception {
        String text = rendered("add-foreign-key/changes.xml", "add-foreign-key", "5");
        assertTrue(text.contains("ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE SET NULL NOT VALID"), text);
        assertTrue(text.contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey"), text);
    }

    @Test
    void inlineReferenceBecomesPlainColumnPlusNotValidConstraint() throws Exception {
        // 5b: an inline key PostgreSQL validates (the column has a default); without one (5) it is not scanned at all
        String text = rendered("add-foreign-key/changes.sql", "add-foreign-key", "5b");
        assertTrue(text.contains("ALTER TABLE orders ADD COLUMN agent_id bigint"), text);
        assertTrue(text.contains("ADD CONSTRAINT fk_orders_agent FOREIGN KEY (agent_id) REFERENCES users NOT VALID;"), text);
        assertTrue(text.contains("VALIDATE CONSTRAINT fk_orders_agent"), text);
    }

    @Test
    void checkExpressionIsKeptAsWritten() throws Exception {
        String text = rendered("add-check-constraint/changes.xml", "add-check-constraint", "8");
        assertTrue(text.contains("CHECK (balance &gt;= 0) NOT VALID"), text);
    }

    @Test
    void renameColumnBackfillIsPassedWholeToLiquibase() throws Exception {
        String xml = rendered("rename-column/changes.xml", "rename-column", "2");
        assertTrue(xml.contains("runInTransaction=\"false\""), xml);
        assertTrue(xml.contains("<sql splitStatements=\"false\">DO $$"), xml);
        String sql = rendered("rename-column/changes.sql", "rename-column", "2");
        assertTrue(sql.contains("--changeset ana:2-email_address-backfill runInTransaction:false splitStatements:false"), sql);
        assertTrue(sql.contains("ALTER TABLE users ALTER COLUMN email DROP NOT NULL"), "email was NOT NULL: " + sql);
    }

    @Test
    void uniqueAndPrimaryKeyAttachAConcurrentIndex() throws Exception {
        String unique = rendered("add-unique-constraint/changes.xml", "add-unique-constraint", "3");
        assertTrue(unique.contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_name_key ON users (email, name)"), unique);
        assertTrue(unique.contains("ADD CONSTRAINT users_email_name_key UNIQUE USING INDEX users_email_name_key"), unique);
        String pk = rendered("add-primary-key/changes.xml", "add-primary-key", "2");
        assertTrue(pk.contains("CHECK (id IS NOT NULL) NOT VALID"), pk);
        assertTrue(pk.contains("ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey"), pk);
    }

    private static AnalysisResult fixture(String path) throws Exception {
        return FixtureRunner.analyze(Path.of("src/test/resources/fixtures", path));
    }

    private static List<String> statements(Plan plan) {
        return plan.deploys().stream().flatMap(d -> d.changeSets().stream()).flatMap(c -> c.statements().stream()).toList();
    }

    @Test
    void twoForeignKeysAndTheLockTimeoutMakeOnePlan() throws Exception {
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("add-foreign-key/composed.xml"), "2",
                "add-foreign-key", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        List<String> ids = plan.deploys().stream().flatMap(d -> d.changeSets().stream()).map(Plan.PlanChangeSet::id).toList();
        assertEquals(List.of("2-fk_orders_user-not-valid", "2-fk_orders_user-validate", "2-fk_orders_buyer-not-valid",
                "2-fk_orders_buyer-validate"), ids);
        for (Plan.PlanChangeSet cs : plan.deploys().get(0).changeSets()) {
            if (cs.id().endsWith("-not-valid")) {
                assertEquals(LockTimeout.SET_LOCAL_TIMEOUT, cs.statements().get(0), "the NOT VALID changeset waits for a lock: " + cs);
            }
        }
        assertTrue(statements(plan).contains("ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE CASCADE NOT VALID"), plan.toString());
    }

    @Test
    void foreignKeyIndexAndCheckInOneChangesetKeepTheOtherStatementInOrder() throws Exception {
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("add-foreign-key/composed.xml"), "3",
                "add-foreign-key", "index-not-concurrent", "add-check-constraint", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        List<String> ids = plan.deploys().stream().flatMap(d -> d.changeSets().stream()).map(Plan.PlanChangeSet::id).toList();
        assertEquals(List.of("3-before", "3-fk_orders_user2-not-valid", "3-fk_orders_user2-validate", "3-concurrently",
                "3-orders_amount_positive-not-valid", "3-orders_amount_positive-validate"), ids);
        assertTrue(statements(plan).contains("ALTER TABLE orders ADD COLUMN note text"), "the kept statement: " + plan);
    }

    @Test
    void inlineReferenceAndUniqueOfOneColumnAreOneRecipe() throws Exception {
        // the key of a new column without a default is not scanned (no add-foreign-key), but the recipe that writes the
        // column for add-unique-constraint still writes it, NOT VALID, so no constraint of the column is lost
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("add-foreign-key/composed.xml"), "4",
                "add-unique-constraint", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        List<String> all = statements(plan);
        assertEquals(1, all.stream().filter(s -> s.startsWith("ALTER TABLE orders ADD COLUMN seller_id")).count(), all.toString());
        assertTrue(all.contains("ALTER TABLE orders ADD CONSTRAINT orders_seller_id_fkey FOREIGN KEY (seller_id) "
                + "REFERENCES users (id) NOT VALID"), all.toString());
        assertTrue(all.contains("ALTER TABLE orders ADD CONSTRAINT orders_seller_id_key UNIQUE USING INDEX orders_seller_id_key"),
                all.toString());
    }

    @Test
    void uniqueConstraintAndPlainIndexBothBuildConcurrently() throws Exception {
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("add-unique-constraint/composed.xml"), "2",
                "add-unique-constraint", "index-not-concurrent", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        Plan.PlanChangeSet attach = plan.deploys().get(0).changeSets().stream()
                .filter(c -> c.id().equals("2-uq_users_email-constraint")).findFirst().orElseThrow();
        assertEquals(LockTimeout.SET_LOCAL_TIMEOUT, attach.statements().get(0), "USING INDEX takes a brief ACCESS EXCLUSIVE: " + attach);
        assertTrue(plan.deploys().get(0).changeSets().stream().filter(c -> !c.runInTransaction())
                .allMatch(c -> c.statements().stream().noneMatch(s -> s.startsWith("SET"))), "no timeout on the concurrent builds");
    }

    @Test
    void inlineUniqueColumnAndUniquePairMakeOnePlan() throws Exception {
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("add-unique-constraint/composed.xml"), "3",
                "add-unique-constraint", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        assertTrue(statements(plan).contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_users_email_name ON users (email, name)"),
                plan.toString());
    }

    @Test
    void indexRebuiltUnderItsNameDropsThenBuildsConcurrentlyWithoutATimeout() throws Exception {
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("drop-index-not-concurrent/composed.xml"), "2",
                "drop-index-not-concurrent", "index-not-concurrent", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        assertEquals(List.of("DROP INDEX CONCURRENTLY IF EXISTS idx_users_email",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (lower(email))"), statements(plan));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("No changeset of this plan waits for a lock")), plan.notes().toString());
    }

    @Test
    void concurrentIndexLeavesTheTransactionAndThePlainOneBecomesConcurrent() throws Exception {
        Plan plan = ComposedPlans.assertOneCompletePlan(ComposedPlans.findings(fixture("concurrent-index-in-transaction/composed.xml"),
                "2", "concurrent-index-in-transaction", "index-not-concurrent", "missing-lock-timeout"));
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        List<Plan.PlanChangeSet> sets = plan.deploys().get(0).changeSets();
        assertEquals(List.of("2-before", "2-idx_users_handle-concurrently", "2-idx_users_name-concurrently"),
                sets.stream().map(Plan.PlanChangeSet::id).toList());
        assertEquals(List.of(LockTimeout.SET_LOCAL_TIMEOUT, "ALTER TABLE users ADD COLUMN handle text"), sets.get(0).statements());
        assertFalse(sets.get(1).runInTransaction());
    }
}
