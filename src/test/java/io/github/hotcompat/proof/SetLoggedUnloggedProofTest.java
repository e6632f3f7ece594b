package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of set-logged-unlogged: SET UNLOGGED rewrites a populated table (its relfilenode changes) under
 * ACCESS EXCLUSIVE, so the running version's reads wait. The plan is advice, so there is no rewrite to deploy.
 */
@ExtendWith(PgTestDatabase.class)
class SetLoggedUnloggedProofTest {

    @Test
    void setUnloggedRewritesTheTableUnderAccessExclusive(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="unlogged" author="dev">
                  <sql>ALTER TABLE orders SET UNLOGGED</sql>
                </changeSet>
                """);
        Finding finding = PluginRewrite.finding(changelog, "set-logged-unlogged");
        assertTrue(finding.plan().notes().stream().anyMatch(n -> n.startsWith("There is no online form of SET UNLOGGED")),
                finding.plan().toString());
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ConstraintRulesProofTest.ROWS);
            long before = PgCatalog.relfilenode(pc.connection(), "orders");
            LockProbe.Result r = pc.probe("orders", VacuumFullOrClusterProofTest.READ)
                    .during(pc.deployment("changelog.xml", changelog));
            System.out.println("[proof] SET UNLOGGED: " + r);
            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), "pg_locks showed the migration holding ACCESS EXCLUSIVE: " + r);
            assertNotEquals(before, PgCatalog.relfilenode(pc.connection(), "orders"), "SET UNLOGGED rewrote the table");
        }
    }
}
