package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.rules.ComposedPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of add-foreign-key, add-check-constraint, add-unique-constraint and add-primary-key: the original
 * blocks writes for its scan or build; the plugin's rewrite takes no write-blocking lock beyond a moment and
 * ends with the intended, validated constraint.
 */
@ExtendWith(PgTestDatabase.class)
class ConstraintRulesProofTest {

    static final int ROWS = 200_000;
    static final String INSERT_USER =
            "INSERT INTO users (email, created_at, amount) VALUES ('probe@example.com', now(), 1)";
    static final String INSERT_ORDER =
            "INSERT INTO orders (email, created_at, amount, user_id) VALUES ('probe@example.com', now(), 1, 1)";
    /** Each probe row has its own email, so a unique index on email accepts it. */
    static final String INSERT_UNIQUE_USER = "INSERT INTO users (email, created_at, amount) "
            + "VALUES (gen_random_uuid()::text || '@example.com', now(), 1)";
    static final int MIN_PROBES = 3;

    /** users and orders, 200k rows each; every order references a user. */
    private static void seedUsersAndOrders(ProofCase pc) throws Exception {
        pc.seed("users", ROWS).seed("orders", ROWS);
        pc.sql("ALTER TABLE orders ADD COLUMN user_id bigint");
        pc.sql("UPDATE orders SET user_id = id");
        pc.sql("VACUUM ANALYZE orders");
    }

    static String foreignKeyChangelog() {
        return Changelog.xml("""
                <changeSet id="orders-user-fk" author="dev">
                  <addForeignKeyConstraint baseTableName="orders" baseColumnNames="user_id" constraintName="fk_orders_user"
                                           referencedTableName="users" referencedColumnNames="id"/>
                </changeSet>
                """);
    }

    @Test
    void foreignKeyBlocksWritesOnTheReferencedTable(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            seedUsersAndOrders(pc);
            LockProbe.Result r = pc.probe("users", INSERT_USER)
                    .during(pc.deployment("changelog.xml", foreignKeyChangelog()));
            System.out.println("[proof] addForeignKeyConstraint, probe on users: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(r.migrationHeld("ShareRowExclusiveLock") || r.probeBlocked(), r.toString());
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "fk_orders_user"));
        }
    }

    @Test
    void foreignKeyRewriteValidatesWithoutBlockingWrites(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(foreignKeyChangelog(), "add-foreign-key");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        ComposedPlans.assertDeploysLintWithNoFinding(finding.plan());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(2, steps.size(), "NOT VALID, then VALIDATE in its own changeset");
        try (ProofCase pc = ProofCase.create(dir)) {
            seedUsersAndOrders(pc);

            LockProbe.Result notValid = pc.probe("users", INSERT_USER).during(pc.deployment("step-1.xml", steps.get(0)));
            System.out.println("[proof] FK NOT VALID changeset, probe on users: " + notValid);
            assertEquals(0, notValid.probesBlocked(), "no probe waited past its lock_timeout: " + notValid);
            assertTrue(notValid.otherProbeErrors().isEmpty(), notValid.toString());
            assertFalse(PgCatalog.constraintValidated(pc.connection(), "fk_orders_user"));

            LockProbe.Result validate = pc.probe("orders", INSERT_ORDER).during(pc.deployment("step-2.xml", steps.get(1)));
            System.out.println("[proof] FK VALIDATE changeset, probe on orders: " + validate);
            validate.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES);
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "fk_orders_user"));
        }
    }

    static String checkChangelog() {
        return Changelog.xml("""
                <changeSet id="orders-amount-check" author="dev">
                  <sql>ALTER TABLE orders ADD CONSTRAINT orders_amount_nonnegative CHECK (amount &gt;= 0)</sql>
                </changeSet>
                """);
    }

    @Test
    void checkBlocksWritesDuringItsScan(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ROWS);
            LockProbe.Result r = pc.probe("orders", "INSERT INTO orders (email, created_at, amount) VALUES ('p', now(), 1)")
                    .during(pc.deployment("changelog.xml", checkChangelog()));
            System.out.println("[proof] ADD CHECK: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "orders_amount_nonnegative"));
        }
    }

    @Test
    void checkRewriteValidatesWithoutBlockingWrites(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(checkChangelog(), "add-check-constraint");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        ComposedPlans.assertDeploysLintWithNoFinding(finding.plan());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(2, steps.size(), "NOT VALID, then VALIDATE in its own changeset");
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ROWS);
            String probe = "INSERT INTO orders (email, created_at, amount) VALUES ('p', now(), 1)";
            LockProbe.Result add = pc.probe("orders", probe).during(pc.deployment("step-1.xml", steps.get(0)));
            System.out.println("[proof] CHECK NOT VALID: " + add);
            assertEquals(0, add.probesBlocked(), "no probe waited past its lock_timeout: " + add);
            assertFalse(PgCatalog.constraintValidated(pc.connection(), "orders_amount_nonnegative"));

            LockProbe.Result validate = pc.probe("orders", probe).during(pc.deployment("step-2.xml", steps.get(1)));
            System.out.println("[proof] CHECK VALIDATE: " + validate);
            validate.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES);
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "orders_amount_nonnegative"));
        }
    }

    static String uniqueChangelog() {
        return Changelog.xml("""
                <changeSet id="users-email-unique" author="dev">
                  <addUniqueConstraint tableName="users" columnNames="email" constraintName="uq_users_email"/>
                </changeSet>
                """);
    }

    @Test
    void uniqueConstraintBlocksWritesForTheBuild(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            LockProbe.Result r = pc.probe("users", INSERT_UNIQUE_USER).during(pc.deployment("changelog.xml", uniqueChangelog()));
            System.out.println("[proof] addUniqueConstraint: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
        }
    }

    @Test
    void uniqueRewriteBuildsConcurrentlyThenAttaches(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(uniqueChangelog(), "add-unique-constraint");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(2, steps.size(), "concurrent index, then USING INDEX");
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            LockProbe.Result build = pc.probe("users", INSERT_UNIQUE_USER).during(pc.deployment("step-1.xml", steps.get(0)));
            System.out.println("[proof] unique index CONCURRENTLY: " + build);
            build.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES);
            assertTrue(PgCatalog.indexIsValid(pc.connection(), "uq_users_email"));

            LockProbe.Result attach = pc.probe("users", INSERT_UNIQUE_USER).during(pc.deployment("step-2.xml", steps.get(1)));
            System.out.println("[proof] ADD CONSTRAINT ... UNIQUE USING INDEX: " + attach);
            assertEquals(0, attach.probesBlocked(), "no probe waited past its lock_timeout: " + attach);
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "uq_users_email"));
            assertTrue(PgCatalog.sqlStateOf(pc.connection(), "INSERT INTO users (email) SELECT email FROM users LIMIT 1")
                    .filter("23505"::equals).isPresent(), "the constraint rejects a duplicate");
        }
    }

    static String primaryKeyChangelog() {
        return Changelog.xml("""
                <changeSet id="events-pk" author="dev">
                  <addPrimaryKey tableName="events" columnNames="id" constraintName="events_pkey"/>
                </changeSet>
                """);
    }

    /** A copy of users without key or NOT NULL: what addPrimaryKey meets on a legacy table. */
    private static void seedEvents(ProofCase pc) throws Exception {
        pc.seed("users", ROWS);
        pc.sql("CREATE TABLE events AS SELECT * FROM users");
        pc.sql("ANALYZE events");
    }

    static final String INSERT_EVENT = "INSERT INTO events (id, email, created_at, amount) "
            + "VALUES (nextval('users_id_seq'), 'probe@example.com', now(), 1)";

    @Test
    void primaryKeyBlocksWritesForTheBuild(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            seedEvents(pc);
            LockProbe.Result r = pc.probe("events", INSERT_EVENT).during(pc.deployment("changelog.xml", primaryKeyChangelog()));
            System.out.println("[proof] addPrimaryKey: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
        }
    }

    @Test
    void primaryKeyRewriteBuildsConcurrentlyAndEndsWithTheKey(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(primaryKeyChangelog(), "add-primary-key", new Target("postgresql", 15,
                100_000, java.util.Map.of("events", (long) ROWS), false));
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(4, steps.size(), "index, NOT VALID check, VALIDATE, SET NOT NULL + PRIMARY KEY USING INDEX");
        try (ProofCase pc = ProofCase.create(dir)) {
            seedEvents(pc);
            LockProbe.Result build = pc.probe("events", INSERT_EVENT).during(pc.deployment("step-1.xml", steps.get(0)));
            System.out.println("[proof] pk index CONCURRENTLY: " + build);
            build.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES);
            for (int i = 1; i < steps.size(); i++) {
                LockProbe.Result r = pc.probe("events", INSERT_EVENT).during(pc.deployment("step-" + (i + 1) + ".xml", steps.get(i)));
                System.out.println("[proof] pk step " + (i + 1) + ": " + r);
                assertEquals(0, r.probesBlocked(), "no probe waited past its lock_timeout: " + r);
            }
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "events_pkey"));
            assertEquals(1, PgCatalog.count(pc.connection(), "SELECT count(*) FROM pg_constraint WHERE conname = 'events_pkey'"
                    + " AND contype = 'p' AND connamespace = current_schema()::regnamespace"));
            assertTrue(PgCatalog.columnInfo(pc.connection(), "events", "id").orElseThrow().notNull());
        }
    }

    // ---- composed plans: changesets with several findings, one plan, deployed changeset by changeset ----

    /** Two foreign keys in one changeset, as Kapua's changelogs add them, and no lock timeout. */
    static String twoForeignKeysChangelog() {
        return Changelog.xml("""
                <changeSet id="orders-fks" author="dev">
                  <addForeignKeyConstraint baseTableName="orders" baseColumnNames="user_id" constraintName="fk_orders_user"
                                           referencedTableName="users" referencedColumnNames="id" onDelete="CASCADE"/>
                  <addForeignKeyConstraint baseTableName="orders" baseColumnNames="buyer_id" constraintName="fk_orders_buyer"
                                           referencedTableName="users" referencedColumnNames="id"/>
                </changeSet>
                """);
    }

    private static void seedUsersAndOrdersWithBuyers(ProofCase pc, int rows) throws Exception {
        pc.seed("users", rows).seed("orders", rows);
        pc.sql("ALTER TABLE orders ADD COLUMN user_id bigint, ADD COLUMN buyer_id bigint");
        pc.sql("UPDATE orders SET user_id = id, buyer_id = id");
        pc.sql("VACUUM ANALYZE orders");
    }

    @Test
    void twoForeignKeysPlanValidatesBothWithoutBlockingAndEndsAtTheOriginalSchema(@TempDir Path dir) throws Exception {
        Plan plan = onePlan(twoForeignKeysChangelog(), "orders-fks", "add-foreign-key", "missing-lock-timeout");
        List<String> original;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            seedUsersAndOrdersWithBuyers(pc, 1_000);
            pc.deploy("changelog.xml", twoForeignKeysChangelog());
            original = constraintsAndIndexes(pc.connection(), pc.schema().name(), "orders");
        }
        try (ProofCase pc = ProofCase.create(dir.resolve("plan"))) {
            seedUsersAndOrdersWithBuyers(pc, ROWS);
            deployProbing(pc, plan, "orders",
                    "INSERT INTO orders (email, created_at, amount, user_id, buyer_id) VALUES ('p', now(), 1, 1, 2)", true);
            assertEquals(original, constraintsAndIndexes(pc.connection(), pc.schema().name(), "orders"));
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "fk_orders_user"));
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "fk_orders_buyer"));
        }
    }

    /** ADD UNIQUE and a plain CREATE INDEX in one changeset, no lock timeout. */
    static String uniqueAndIndexChangelog() {
        return Changelog.xml("""
                <changeSet id="users-unique-and-index" author="dev">
                  <addUniqueConstraint tableName="users" columnNames="email" constraintName="uq_users_email"/>
                  <createIndex tableName="users" indexName="idx_users_created">
                    <column name="created_at"/>
                  </createIndex>
                </changeSet>
                """);
    }

    @Test
    void uniqueAndIndexPlanBuildsBothConcurrentlyAndEndsAtTheOriginalSchema(@TempDir Path dir) throws Exception {
        Plan plan = onePlan(uniqueAndIndexChangelog(), "users-unique-and-index", "add-unique-constraint",
                "index-not-concurrent", "missing-lock-timeout");
        List<String> original;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            pc.seed("users", 1_000);
            pc.deploy("changelog.xml", uniqueAndIndexChangelog());
            original = constraintsAndIndexes(pc.connection(), pc.schema().name(), "users");
        }
        try (ProofCase pc = ProofCase.create(dir.resolve("plan"))) {
            pc.seed("users", ROWS);
            deployProbing(pc, plan, "users", INSERT_UNIQUE_USER, true);
            assertEquals(original, constraintsAndIndexes(pc.connection(), pc.schema().name(), "users"));
            assertTrue(PgCatalog.sqlStateOf(pc.connection(), "INSERT INTO users (email) SELECT email FROM users LIMIT 1")
                    .filter("23505"::equals).isPresent(), "the constraint rejects a duplicate");
        }
    }

    /** One added column with an inline UNIQUE and REFERENCES: one recipe writes both. */
    static String inlineConstraintsChangelog() {
        return Changelog.xml("""
                <changeSet id="orders-seller" author="dev">
                  <sql>ALTER TABLE orders ADD COLUMN seller_id bigint UNIQUE REFERENCES users (id)</sql>
                </changeSet>
                """);
    }

    @Test
    void inlineUniqueAndReferencesPlanEndsAtTheOriginalSchema(@TempDir Path dir) throws Exception {
        // no add-foreign-key: the key of a new column without a default is not scanned; the unique recipe keeps it
        Plan plan = onePlan(inlineConstraintsChangelog(), "orders-seller", "add-unique-constraint", "missing-lock-timeout");
        List<String> original;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            seedUsersAndOrders(pc);
            pc.deploy("changelog.xml", inlineConstraintsChangelog());
            original = constraintsAndIndexes(pc.connection(), pc.schema().name(), "orders");
        }
        try (ProofCase pc = ProofCase.create(dir.resolve("plan"))) {
            seedUsersAndOrders(pc);
            // seller_id is all NULL: its index build and validation are too quick to watch probes during them
            deployProbing(pc, plan, "orders", INSERT_ORDER, false);
            assertEquals(original, constraintsAndIndexes(pc.connection(), pc.schema().name(), "orders"));
        }
    }

    /** The one plan all findings of changeset {@code id} carry, checked and linted (no finding at all per deploy). */
    private static Plan onePlan(String changelog, String id, String... rules) throws Exception {
        List<Finding> findings = ComposedPlans.findings(PluginRewrite.analyze(changelog, Target.postgres()), id, rules);
        Plan plan = ComposedPlans.assertOneCompletePlan(findings);
        for (Finding f : findings) PluginRewrite.assertRewriteLintsClean(f, Target.postgres());
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        return plan;
    }

    /**
     * Applies the plan changeset by changeset, deploy after deploy, with a probe writing to {@code table}:
     * no probe may wait past its lock timeout; with {@code observeLongSteps}, probes must also get through
     * while the migration holds its lock during the long steps (a concurrent build, a validation).
     */
    private static void deployProbing(ProofCase pc, Plan plan, String table, String probe, boolean observeLongSteps)
            throws Exception {
        int n = 0;
        for (Plan.Deploy d : plan.deploys()) {
            for (Plan.PlanChangeSet cs : d.changeSets()) {
                String step = Changelog.xml(io.github.hotcompat.plan.PlanRenderer.changeSet(cs,
                        io.github.hotcompat.load.ChangeLogFormat.XML));
                LockProbe.Result r = pc.probe(table, probe).during(pc.deployment("step-" + (++n) + ".xml", step));
                System.out.println("[proof] composed plan, " + cs.id() + ": " + r);
                assertEquals(0, r.probesBlocked(), cs.id() + ": no probe waited past its lock_timeout: " + r);
                assertTrue(r.otherProbeErrors().isEmpty(), cs.id() + ": " + r);
                boolean longStep = cs.statements().stream().anyMatch(s -> s.contains("VALIDATE CONSTRAINT")
                        || s.startsWith("CREATE UNIQUE INDEX CONCURRENTLY") || s.startsWith("CREATE INDEX CONCURRENTLY"));
                if (longStep && observeLongSteps) {
                    r.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES);
                }
            }
        }
    }

    /** The table's constraints (definition, validated) and indexes (definition, valid), sorted, without the schema name. */
    private static List<String> constraintsAndIndexes(Connection c, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        String sql = """
                SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated=' || convalidated
                FROM pg_constraint WHERE conrelid = to_regclass(?)
                UNION ALL
                SELECT 'index ' || i.relname || ' ' || pg_get_indexdef(x.indexrelid) || ' valid=' || x.indisvalid
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass(?)
                ORDER BY 1""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1).replace(schema + ".", ""));
            }
        }
        assertFalse(out.isEmpty(), "no constraint or index on " + table);
        return out;
    }
}
