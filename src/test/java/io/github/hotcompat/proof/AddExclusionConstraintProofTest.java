package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of add-exclusion-constraint: adding an EXCLUDE constraint to a populated table blocks its writes
 * under ACCESS EXCLUSIVE for the index build. Its plan is advice (no rewrite), so there is no rewrite to deploy.
 */
@ExtendWith(PgTestDatabase.class)
class AddExclusionConstraintProofTest {

    static String changelog() {
        // btree supports exclusion with '=', so the proof needs no btree_gist extension.
        return Changelog.xml("""
                <changeSet id="orders-exclude" author="dev">
                  <sql>ALTER TABLE orders ADD CONSTRAINT orders_id_excl EXCLUDE USING btree (id WITH =)</sql>
                </changeSet>
                """);
    }

    @Test
    void exclusionConstraintBlocksWritesUnderAccessExclusive(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(changelog(), "add-exclusion-constraint");
        // Advice: the plan keeps the statement as written (behind missing-lock-timeout's guard) and says why.
        assertTrue(finding.plan().notes().stream().anyMatch(n -> n.startsWith("There is no online form")),
                finding.plan().toString());
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ConstraintRulesProofTest.ROWS);
            LockProbe.Result r = pc.probe("orders", ValidateInSameTransactionProofTest.PROBE)
                    .during(pc.deployment("changelog.xml", changelog()));
            System.out.println("[proof] ADD CONSTRAINT ... EXCLUDE: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), "pg_locks showed the migration holding ACCESS EXCLUSIVE: " + r);
        }
    }
}
