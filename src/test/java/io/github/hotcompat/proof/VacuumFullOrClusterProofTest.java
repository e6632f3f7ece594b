package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of vacuum-full-or-cluster: VACUUM FULL and CLUSTER rewrite a populated table (its relfilenode
 * changes) under ACCESS EXCLUSIVE, so the running version's reads wait. The plan is advice (take it out
 * of the migration), so there is no rewrite to deploy.
 */
@ExtendWith(PgTestDatabase.class)
class VacuumFullOrClusterProofTest {
    static final String READ = "SELECT count(*) FROM orders WHERE id < 100";

    @Test
    void vacuumFullRewritesTheTableAndBlocksReads(@TempDir Path dir) throws Exception {
        // VACUUM cannot run inside a transaction block: runInTransaction="false", as the fixtures show
        String changelog = Changelog.xml("""
                <changeSet id="vacuum" author="dev" runInTransaction="false">
                  <sql>VACUUM FULL orders</sql>
                </changeSet>
                """);
        Finding finding = PluginRewrite.finding(changelog, "vacuum-full-or-cluster");
        assertTrue(finding.plan().notes().stream().anyMatch(n -> n.startsWith("Remove VACUUM FULL from the migration")),
                finding.plan().toString());
        assertRewritesUnderAccessExclusive(dir, changelog, "VACUUM FULL", "");
    }

    @Test
    void clusterRewritesTheTableAndBlocksReads(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="cluster" author="dev">
                  <sql>CLUSTER orders USING orders_created_at_idx</sql>
                </changeSet>
                """);
        Finding finding = PluginRewrite.finding(changelog, "vacuum-full-or-cluster");
        assertTrue(finding.plan().notes().stream().anyMatch(n -> n.startsWith("Remove CLUSTER from the migration")),
                finding.plan().toString());
        assertRewritesUnderAccessExclusive(dir, changelog, "CLUSTER", "CREATE INDEX orders_created_at_idx ON orders (created_at)");
    }

    private static void assertRewritesUnderAccessExclusive(Path dir, String changelog, String what, String setup) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ConstraintRulesProofTest.ROWS);
            if (!setup.isEmpty()) pc.sql(setup);
            long before = PgCatalog.relfilenode(pc.connection(), "orders");
            LockProbe.Result r = pc.probe("orders", READ).during(pc.deployment("changelog.xml", changelog));
            System.out.println("[proof] " + what + ": " + r);
            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), "pg_locks showed the migration holding ACCESS EXCLUSIVE: " + r);
            assertNotEquals(before, PgCatalog.relfilenode(pc.connection(), "orders"), what + " rewrote the table");
        }
    }
}
