package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
        PluginRewrite.finding(changelog("LOCK TABLE orders IN SHARE MODE NOWAIT"), "explicit-lock-table");
        // not through LockProbe: its INSERT loop would make NOWAIT fail at once (55P03), which is all NOWAIT
        // changes; what matters is what it holds once it is granted
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", 1_000);
            try (Connection migration = pc.schema().openConnection(); Connection app = pc.schema().openConnection()) {
                migration.setAutoCommit(false);
                try (Statement st = migration.createStatement()) {
                    st.execute("LOCK TABLE orders IN SHARE MODE NOWAIT");
                }
                try (Statement st = app.createStatement()) {
                    st.execute("SET lock_timeout = '200ms'");
                }
                PgCatalog.assertFails(app, LockProbe.LOCK_NOT_AVAILABLE, ValidateInSameTransactionProofTest.PROBE);
                assertTrue(heldModes(pc.connection(), migration).contains("ShareLock"), "pg_locks showed the migration holding SHARE");
                migration.commit();
                PgCatalog.assertWorks(app, ValidateInSameTransactionProofTest.PROBE);
                System.out.println("[proof] LOCK TABLE ... NOWAIT: the INSERT timed out while the lock was held, worked after commit");
            }
        }
    }

    private static List<String> heldModes(Connection monitor, Connection holder) throws Exception {
        int pid;
        try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = monitor.prepareStatement(
                "SELECT mode FROM pg_locks WHERE pid = ? AND granted AND relation = to_regclass('orders')")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
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
