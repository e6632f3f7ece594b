package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: a DDL statement that waits for its lock behind a long transaction makes every later query on the
 * table queue behind it, reads included; with the rewrite's {@code SET lock_timeout} first, the migration gives
 * up after the timeout instead and the application's queries go through.
 */
@ExtendWith(PgTestDatabase.class)
class MissingLockTimeoutProofTest {

    static final String SELECT_USER = "SELECT * FROM users WHERE id = 1";
    static final String INSERT_USER =
            "INSERT INTO users (email, created_at, amount) VALUES ('probe@example.com', now(), 1)";
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Longer than the rewrite's lock_timeout: a probe fails only if something blocks it for longer than that. */
    static final Duration PATIENT_PROBE = Duration.ofSeconds(20);
    /** Safety net for polling only; nothing is asserted on time. */
    static final long POLL_LIMIT_MILLIS = 30_000;

    static String originalChangelog() {
        return Changelog.xml("""
                <changeSet id="users-note" author="dev">
                  <addColumn tableName="users">
                    <column name="note" type="text"/>
                  </addColumn>
                </changeSet>
                """);
    }

    /** The rewrite under proof: the one the plugin's finding carries for {@link #originalChangelog()}. */
    static String rewriteChangelog() throws Exception {
        Finding finding = PluginRewrite.finding(originalChangelog(), "missing-lock-timeout");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> deploys = PluginRewrite.deployChangelogs(finding);
        assertEquals(1, deploys.size(), "missing-lock-timeout rewrites to a single deploy");
        String rewrite = deploys.get(0);
        assertTrue(rewrite.contains("<sql>SET LOCAL lock_timeout = '5s'</sql>"), rewrite);
        // the rewrite itself passes the rule
        assertTrue(PluginRewrite.analyze(rewrite, Target.postgres()).findings().stream()
                .noneMatch(f -> f.ruleId().equals("missing-lock-timeout")), rewrite);
        return rewrite;
    }

    /** A session of the running application, in the middle of a transaction that has read from users. */
    static Connection openTransactionOnUsers(ProofCase pc) throws SQLException {
        Connection c = pc.schema().openConnection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery(SELECT_USER).close();
        }
        return c;
    }

    @Test
    void queuedDdlBlocksReadsAndWritesBehindIt(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", 1_000);
            long users = PgCatalog.oid(pc.connection(), "users");
            Connection longTransaction = openTransactionOnUsers(pc);
            Connection migration = pc.schema().openConnection();
            int migrationPid = pid(migration);
            AtomicReference<Throwable> migrationError = new AtomicReference<>();
            Thread migrator = new Thread(() -> {
                try {
                    pc.deployment("changelog.xml", originalChangelog()).run(migration);
                } catch (Throwable t) {
                    migrationError.set(t);
                }
            }, "original-migration");
            migrator.start();
            waitUntilWaitingForLock(pc.connection(), migrationPid, users);

            // The probes conflict only with the queued ALTER, not with the long transaction (which holds ACCESS SHARE).
            Connection probe = pc.schema().openConnection();
            try (Statement st = probe.createStatement()) {
                st.execute("SET lock_timeout = '1s'");
            }
            assertEquals(Optional.of(LOCK_NOT_AVAILABLE), PgCatalog.sqlStateOf(probe, SELECT_USER),
                    "a plain read on users waits behind the queued ALTER");
            assertEquals(Optional.of(LOCK_NOT_AVAILABLE), PgCatalog.sqlStateOf(probe, INSERT_USER),
                    "a write on users waits behind the queued ALTER");
            assertTrue(migrator.isAlive(), "the ALTER is still waiting: without lock_timeout it waits as long as the "
                    + "long transaction lives");
            assertTrue(stillWaiting(pc.connection(), migrationPid, users));

            longTransaction.commit();
            migrator.join(POLL_LIMIT_MILLIS);
            assertFalse(migrator.isAlive());
            assertNull(migrationError.get(), () -> "original migration failed: " + migrationError.get());
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "note").isPresent());
            assertEquals(Optional.empty(), PgCatalog.sqlStateOf(probe, SELECT_USER));
            longTransaction.close();
            migration.close();
            probe.close();
        }
    }

    @Test
    void rewriteGivesUpAfterTheTimeoutAndProbesGoThrough(@TempDir Path dir) throws Exception {
        String rewrite = rewriteChangelog();
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", 1_000);
            Connection longTransaction = openTransactionOnUsers(pc);
            AtomicReference<Exception> deployFailure = new AtomicReference<>();
            LockProbe.Migration migration = pc.deployment("changelog.xml", rewrite);

            LockProbe.Result r = pc.probe("users", SELECT_USER).lockTimeout(PATIENT_PROBE).during(c -> {
                try {
                    migration.run(c);
                } catch (Exception e) {
                    deployFailure.set(e); // expected: asserted below
                }
            });
            System.out.println("[proof] rewrite with lock_timeout behind a long transaction: " + r);

            assertTrue(deployFailure.get() != null, "the rewrite must fail while the long transaction holds users");
            assertEquals(LOCK_NOT_AVAILABLE, sqlStateIn(deployFailure.get()), () -> "failure: " + deployFailure.get());
            assertTrue(r.migrationSeenWaiting() || r.probeSeenWaitingOnMigration(),
                    "the ALTER was seen queued for its lock; " + r);
            // no probe waited as long as PATIENT_PROBE: the queue drained when the ALTER gave up after 5s
            assertEquals(0, r.probesBlocked(), r.toString());
            assertTrue(r.otherProbeErrors().isEmpty(), r.toString());
            assertTrue(r.probesSucceededDuringMigration() > 0, r.toString());
            assertFalse(PgCatalog.columnInfo(pc.connection(), "users", "note").isPresent(), "rolled back");
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM databasechangelog WHERE id = 'users-note'"), "not recorded");

            // Once the long transaction is gone, deploying the same changelog again succeeds.
            longTransaction.commit();
            longTransaction.close();
            pc.deploy("changelog.xml", rewrite);
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "note").isPresent());
            assertEquals(1, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM databasechangelog WHERE id = 'users-note'"));
        }
    }

    static String sqlStateIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null) return e.getSQLState();
        }
        return null;
    }

    static int pid(Connection c) throws SQLException {
        return (int) PgCatalog.count(c, "SELECT pg_backend_pid()");
    }

    static boolean stillWaiting(Connection monitor, int pid, long relation) throws SQLException {
        return PgCatalog.count(monitor, "SELECT count(*) FROM pg_locks WHERE pid = " + pid + " AND NOT granted"
                + " AND relation = " + relation + "::oid AND mode = 'AccessExclusiveLock'") > 0;
    }

    static void waitUntilWaitingForLock(Connection monitor, int pid, long relation) throws Exception {
        long deadline = System.currentTimeMillis() + POLL_LIMIT_MILLIS;
        while (!stillWaiting(monitor, pid, relation)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the ALTER never queued for its lock");
            Thread.sleep(20);
        }
    }
}
