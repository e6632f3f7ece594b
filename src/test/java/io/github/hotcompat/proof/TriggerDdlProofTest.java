package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of trigger-ddl: CREATE TRIGGER takes SHARE ROW EXCLUSIVE on the table and holds it to the end
 * of the changeset's transaction, so the running version's INSERTs wait for whatever the changeset
 * does after it; in the plan the trigger is a changeset of its own, and the rest runs without the lock.
 */
@ExtendWith(PgTestDatabase.class)
class TriggerDdlProofTest {
    static final String FUNCTION = """
            CREATE FUNCTION orders_touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.email := lower(NEW.email);
              RETURN NEW;
            END $$""";

    /** The pg_sleep stands in for the changeset's other work (a report query, a small backfill). */
    static String changelog() {
        return Changelog.xml("""
                <changeSet id="orders-touch" author="dev">
                  <sql>CREATE TRIGGER orders_touch BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION orders_touch()</sql>
                  <sql>SELECT pg_sleep(1.5)</sql>
                </changeSet>
                """);
    }

    static ProofCase withFunction(Path dir) throws Exception {
        ProofCase pc = ProofCase.create(dir);
        pc.seed("orders", 1_000);
        pc.sql(FUNCTION);
        return pc;
    }

    @Test
    void createTriggerBlocksInsertsUntilTheChangesetCommits(@TempDir Path dir) throws Exception {
        try (ProofCase pc = withFunction(dir)) {
            LockProbe.Result r = pc.probe("orders", ValidateInSameTransactionProofTest.PROBE)
                    .during(pc.deployment("changelog.xml", changelog()));
            System.out.println("[proof] CREATE TRIGGER + more in one changeset: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(r.migrationHeld("ShareRowExclusiveLock"), "pg_locks showed SHARE ROW EXCLUSIVE: " + r);
        }
    }

    @Test
    void rewriteKeepsTheLockToTheTriggerStatement(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(changelog(), "trigger-ddl");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        assertEquals(2, steps.size(), "the trigger alone, then the rest: " + steps);
        assertTrue(steps.get(0).changelog().contains("lock_timeout") && steps.get(0).changelog().contains("CREATE TRIGGER"),
                steps.get(0).changelog());
        try (ProofCase pc = withFunction(dir)) {
            pc.deploy("step-1.xml", steps.get(0).changelog());
            LockProbe.Result rest = pc.probe("orders", ValidateInSameTransactionProofTest.PROBE)
                    .during(pc.deployment("step-2.xml", steps.get(1).changelog()));
            System.out.println("[proof] rewrite, the changeset's other statements: " + rest);
            assertFalse(rest.probeBlocked(), "no INSERT waited: " + rest);
            assertFalse(rest.migrationHeldAnyOf(LockProbe.BLOCKS_WRITES), "no write-blocking lock held: " + rest);
            assertTrue(rest.probesSucceededDuringMigration() >= ConstraintRulesProofTest.MIN_PROBES, rest.toString());
            try (var st = pc.connection().createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM pg_trigger WHERE tgname = 'orders_touch'")) {
                assertTrue(rs.next() && rs.getInt(1) == 1, "the trigger is in place");
            }
        }
    }
}
