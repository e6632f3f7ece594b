package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of attach-partition and detach-partition-not-concurrent on PostgreSQL: ATTACH of a populated
 * table scans it under ACCESS EXCLUSIVE (a SELECT on it waits), and after the plan's validated CHECK the
 * ATTACH does not scan; a plain DETACH queues the parent's readers behind its ACCESS EXCLUSIVE request,
 * DETACH ... CONCURRENTLY does not.
 */
@ExtendWith(PgTestDatabase.class)
class AttachPartitionProofTest {

    static final int ROWS = 500_000;
    /** The columns of {@link PgCatalog#seedTable}, so a seeded table can be attached. */
    static final String PARENT = "CREATE TABLE events (id bigint NOT NULL, email text, created_at timestamptz, amount numeric)"
            + " PARTITION BY RANGE (id)";
    static final String READ_ORDERS = "SELECT email FROM orders WHERE id = 1";
    static final String READ_EVENTS = "SELECT count(*) FROM events WHERE id = 1";

    static String attachChangelog() {
        return Changelog.xml("""
                <changeSet id="events" author="dev">
                  <sql>%s</sql>
                </changeSet>
                <changeSet id="attach-orders" author="dev">
                  <sql>ALTER TABLE events ATTACH PARTITION orders FOR VALUES FROM (0) TO (1000000000)</sql>
                </changeSet>
                """.formatted(PARENT));
    }

    @Test
    void attachOfAPopulatedTableScansItUnderAccessExclusive(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ROWS);
            long scans = PgCatalog.seqScans(pc.connection(), "orders");
            LockProbe.Result r = pc.probe("orders", READ_ORDERS)
                    .during(ColumnProofs.flushingStats(pc, "changelog.xml", attachChangelog()));
            System.out.println("[proof] ATTACH PARTITION of a populated table: " + r);
            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), r.toString());
            assertTrue(PgCatalog.seqScans(pc.connection(), "orders") > scans, "ATTACH read the whole table");
        }
    }

    @Test
    void rewriteAttachesWithoutTheScan(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(attachChangelog(), "attach-partition");
        // linted after the parent's CREATE TABLE, so the partition key is known as in the original changelog
        PluginRewrite.assertPlanLintsClean(finding.plan(), new PluginRewrite.Lint(ChangeLogFormat.XML,
                List.of(new Plan.PlanChangeSet("events", "dev", true, List.of(PARENT), List.of(), null)),
                Target.postgres(), UnaryOperator.identity()));
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(4, steps.size(), "CHECK NOT VALID, VALIDATE, ATTACH, DROP the check");
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ROWS).sql(PARENT);
            pc.deploy("step-1.xml", steps.get(0));

            LockProbe.Result validate = pc.probe("orders", READ_ORDERS)
                    .during(ColumnProofs.flushingStats(pc, "step-2.xml", steps.get(1)));
            System.out.println("[proof] rewrite, VALIDATE of the bound's CHECK: " + validate);
            // the scan of 500k rows is short: the evidence is the lock seen held and no probe blocked
            // (how many probes overlap it depends on the machine's load; ConstraintRulesProofTest counts them)
            assertTrue(validate.migrationHeld("ShareUpdateExclusiveLock"), validate.toString());
            validate.assertNotBlocked(LockProbe.BLOCKS_WRITES, 0);
            long afterValidate = PgCatalog.seqScans(pc.connection(), "orders");

            ColumnProofs.run(pc, ColumnProofs.flushingStats(pc, "step-3.xml", steps.get(2)));
            assertEquals(afterValidate, PgCatalog.seqScans(pc.connection(), "orders"),
                    "ATTACH found the bound implied by the validated CHECK and did not scan");
            assertEquals(1, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM pg_inherits WHERE inhrelid = to_regclass('orders') AND inhparent = to_regclass('events')"));

            pc.deploy("step-4.xml", steps.get(3));
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM pg_constraint WHERE conname = 'orders_partition_bound'"), "check dropped");
            assertEquals(ROWS, PgCatalog.count(pc.connection(), "SELECT count(*) FROM events"));
        }
    }

    static String detachChangelog(String suffix, boolean inTransaction) {
        return Changelog.xml("""
                <changeSet id="detach-events-old" author="dev" runInTransaction="%s">
                  <sql>ALTER TABLE events DETACH PARTITION events_old%s</sql>
                </changeSet>
                """.formatted(inTransaction, suffix));
    }

    /** A parent with two populated partitions. */
    static void partitioned(ProofCase pc) throws Exception {
        pc.sql(PARENT)
                .sql("CREATE TABLE events_old PARTITION OF events FOR VALUES FROM (0) TO (100000)")
                .sql("CREATE TABLE events_new PARTITION OF events FOR VALUES FROM (100000) TO (200000)")
                .sql("INSERT INTO events (id, email) SELECT g, md5(g::text) FROM generate_series(1, 199999) g");
    }

    /**
     * The migration, while a running-version transaction still reads the parent for {@code holdMillis}: a
     * DETACH waits for it, and what queues behind the DETACH is what the probe sees.
     */
    static LockProbe.Migration whileAReaderHoldsTheParent(ProofCase pc, LockProbe.Migration migration, long holdMillis) {
        return c -> {
            Connection reader = pc.schema().openConnection();
            reader.setAutoCommit(false);
            try (Statement st = reader.createStatement()) {
                st.execute("SELECT count(*) FROM events");
            }
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(holdMillis);
                    reader.commit();
                    reader.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            try {
                migration.run(c);
            } finally {
                release.join();
            }
        };
    }

    @Test
    void plainDetachQueuesTheParentsReadersBehindItsAccessExclusiveLock(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            partitioned(pc);
            LockProbe.Result r = pc.probe("events", READ_EVENTS)
                    .during(whileAReaderHoldsTheParent(pc, pc.deployment("plain.xml", detachChangelog("", true)), 1500));
            System.out.println("[proof] DETACH PARTITION: " + r);
            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.probeBlocked(), "a read of the parent waited behind the DETACH: " + r);
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM pg_inherits WHERE inhrelid = to_regclass('events_old')"), "detached");
        }
    }

    @Test
    void rewriteDetachesConcurrentlyWithoutBlockingTheParent(@TempDir Path dir) throws Exception {
        // the parent predates the changelog (a parent created in this release has no traffic: no finding)
        Finding finding = PluginRewrite.finding(detachChangelog("", true), "detach-partition-not-concurrent");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(1, steps.size(), "DETACH ... CONCURRENTLY alone");
        assertTrue(steps.get(0).contains("CONCURRENTLY") && steps.get(0).contains("runInTransaction=\"false\""), steps.get(0));
        try (ProofCase pc = ProofCase.create(dir)) {
            partitioned(pc);
            LockProbe.Result r = pc.probe("events", READ_EVENTS)
                    .during(whileAReaderHoldsTheParent(pc, pc.deployment("concurrently.xml", steps.get(0)), 1500));
            System.out.println("[proof] DETACH PARTITION ... CONCURRENTLY: " + r);
            assertFalse(r.probeBlocked(), "no read of the parent waited: " + r);
            assertFalse(r.migrationHeld("AccessExclusiveLock"), r.toString());
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM pg_inherits WHERE inhrelid = to_regclass('events_old')"), "detached");
        }
    }
}
