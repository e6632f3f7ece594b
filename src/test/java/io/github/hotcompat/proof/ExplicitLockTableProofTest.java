package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of explicit-lock-table: LOCK TABLE ... IN SHARE MODE holds SHARE until the changeset commits, so
 * the running version's INSERTs wait; NOWAIT changes nothing once the lock is granted. The plan is advice.
 */
@ExtendWith(PgTestDatabase.class)
class ExplicitLockTableProofTest {

    static String changelog(String lock) {
        // the pg_sleep stands for the rest of the changeset the lock is held through
        return Changelog.xml("""
                <changeSet id="lock" author="dev">
                  <sql>%s</sql>
                  <sql>SELECT pg_sleep(1)</sql>
                </changeSet>
                """.formatted(lock));
    }

    @Test
    void shareModeBlocksWritesUntilTheChangesetCommits(@TempDir Path dir) throws Exception {
        String changelog = changelog("LOCK TABLE orders IN SHARE MODE");
        Finding finding = PluginRewrite.finding(changelog, "explicit-lock-table");
        assertTrue(finding.plan().notes().stream().anyMatch(n -> n.startsWith("Drop the LOCK TABLE")), finding.plan().toString());
        assertWritesBlocked(dir, changelog, "LOCK TABLE ... IN SHARE MODE");
    }

    @Test
    void nowaitHoldsTheLockJustTheSameOnceGranted(@TempDir Path dir) throws Exception {
        String changelog = changelog("LOCK TABLE orders IN SHARE MODE NOWAIT");
        PluginRewrite.finding(changelog, "explicit-lock-table");
        assertWritesBlocked(dir, changelog, "LOCK TABLE ... IN SHARE MODE NOWAIT");
    }

    private static void assertWritesBlocked(Path dir, String changelog, String what) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", 1_000);
            LockProbe.Result r = pc.probe("orders", ValidateInSameTransactionProofTest.PROBE)
                    .during(pc.deployment("changelog.xml", changelog));
            System.out.println("[proof] " + what + ": " + r);
            assertTrue(r.probeBlocked(), "a concurrent INSERT waited: " + r);
            assertTrue(r.migrationHeld("ShareLock"), "pg_locks showed the migration holding SHARE: " + r);
        }
    }
}
