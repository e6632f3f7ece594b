package io.github.hotcompat.proof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe's own verdicts, with migrations that hold a known lock for a fixed time (the sleep only makes the
 * window; nothing asserts on durations).
 */
@ExtendWith(PgTestDatabase.class)
class LockProbeTest {

    static final String INSERT = "INSERT INTO t (email) VALUES ('probe')";

    @Test
    void shareLockIsReportedAsBlockingWrites(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("t", 10);
            LockProbe.Result r = pc.probe("t", INSERT).during(holding("SHARE", 0.6));
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(r.probesBlocked() > 0, r.toString());
            assertTrue(r.migrationHeld("ShareLock"), r.toString());
            assertThrows(AssertionError.class, () -> r.assertNotBlocked(LockProbe.BLOCKS_WRITES, 1));
        }
    }

    @Test
    void shareUpdateExclusiveLockLetsWritesThrough(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("t", 10);
            LockProbe.Result r = pc.probe("t", INSERT).during(holding("SHARE UPDATE EXCLUSIVE", 0.6));
            r.assertNotBlocked(LockProbe.BLOCKS_WRITES, 5);
            assertThrows(AssertionError.class, () -> r.assertBlocked(LockProbe.BLOCKS_WRITES));
        }
    }

    @Test
    void aMigrationNeverSeenHoldingALockCannotProveNonBlocking(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("t", 10);
            LockProbe.Result r = pc.probe("t", INSERT).during(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                }
            });
            AssertionError e = assertThrows(AssertionError.class,
                    () -> r.assertNotBlocked(LockProbe.BLOCKS_WRITES, 5));
            assertTrue(e.getMessage().contains("too fast to observe"), e.getMessage());
        }
    }

    @Test
    void probeThatFailsBeforeTheMigrationIsRejected(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("t", 10);
            AssertionError e = assertThrows(AssertionError.class,
                    () -> pc.probe("t", "INSERT INTO t (no_such_column) VALUES (1)").during(c -> { }));
            assertTrue(e.getMessage().contains("before the migration"), e.getMessage());
        }
    }

    private static LockProbe.Migration holding(String mode, double seconds) {
        return (Connection c) -> {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE t IN " + mode + " MODE");
                st.execute("SELECT pg_sleep(" + seconds + ")");
            }
            c.commit();
        };
    }
}
