package io.github.hotcompat.proof;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows whether a migration blocks other sessions on one table, without timing assertions.
 *
 * <p>Three sessions: the migration (on a background thread), a prober that repeats {@code probeSql} with a
 * short {@code lock_timeout}, and a monitor that samples {@code pg_locks} for the table. Both loops are running
 * before the migration starts and stop only after it ends, so the whole lock window is covered. Evidence of
 * blocking is any of: a probe failed with 55P03, the monitor saw the prober waiting on the migration
 * ({@code pg_blocking_pids}), or the migration held a lock mode that conflicts with the probe. Evidence of
 * not blocking requires probes to have succeeded between two samples in which the migration held its lock,
 * so a migration too fast to observe fails the proof instead of passing it.
 */
public final class LockProbe {

    /** The migration under test; runs on its own connection (search_path = scratch schema). */
    @FunctionalInterface
    public interface Migration {
        void run(Connection connection) throws Exception;
    }

    /** Table lock modes that conflict with RowExclusiveLock, i.e. block INSERT/UPDATE/DELETE. */
    public static final Set<String> BLOCKS_WRITES =
            Set.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
    /** Table lock modes that conflict with AccessShareLock, i.e. block SELECT. */
    public static final Set<String> BLOCKS_READS = Set.of("AccessExclusiveLock");

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(200);
    /** Safety net only: a migration stuck longer than this is cancelled and the proof fails. */
    static final Duration MIGRATION_TIMEOUT = Duration.ofSeconds(60);
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final long PAUSE_MILLIS = 2;

    private final ScratchSchema schema;
    private final String table;
    private final String probeSql;
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

    private LockProbe(ScratchSchema schema, String table, String probeSql) {
        this.schema = schema;
        this.table = PgCatalog.identifier(table);
        this.probeSql = probeSql;
    }

    /** {@code probeSql} runs repeatedly in autocommit mode and must succeed before the migration starts. */
    public static LockProbe on(ScratchSchema schema, String table, String probeSql) {
        return new LockProbe(schema, table, probeSql);
    }

    public LockProbe lockTimeout(Duration timeout) {
        this.lockTimeout = timeout;
        return this;
    }

    public Result during(Migration migration) throws Exception {
        long tableOid = PgCatalog.oid(schema.connection(), table);
        Connection migrationConn = schema.openConnection();
        Connection probeConn = schema.openConnection();
        Connection monitorConn = schema.openConnection();
        try {
            int migrationPid = backendPid(migrationConn);
            int probePid = backendPid(probeConn);
            try (Statement st = probeConn.createStatement()) {
                st.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            }
            ProbeEvent before = probeOnce(probeConn);
            if (!before.succeeded()) {
                throw new AssertionError("probe fails even before the migration (" + before.error + "): " + probeSql);
            }

            ConcurrentLinkedQueue<ProbeEvent> probes = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> loopError = new AtomicReference<>();
            CountDownLatch loopsRunning = new CountDownLatch(2);
            String sampleSql = sampleSql(tableOid, migrationPid, probePid);

            Thread prober = loop("lockprobe-probe", stop, loopsRunning, loopError,
                    () -> probes.add(probeOnce(probeConn)));
            Thread monitor = loop("lockprobe-monitor", stop, loopsRunning, loopError,
                    () -> samples.add(sample(monitorConn, sampleSql)));
            prober.start();
            monitor.start();
            if (!loopsRunning.await(10, TimeUnit.SECONDS) || loopError.get() != null) {
                stop.set(true);
                throw new AssertionError("probe/monitor loops did not start", loopError.get());
            }

            AtomicReference<Throwable> migrationError = new AtomicReference<>();
            long migrationStart = System.nanoTime();
            Thread migrator = new Thread(() -> {
                try {
                    migration.run(migrationConn);
                } catch (Throwable t) {
                    migrationError.set(t);
                }
            }, "lockprobe-migration");
            migrator.start();
            migrator.join(MIGRATION_TIMEOUT.toMillis());
            boolean timedOut = migrator.isAlive();
            if (timedOut) {
                cancelBackend(migrationPid);
                migrator.join(10_000);
            }
            long migrationEnd = System.nanoTime();
            stop.set(true);
            prober.join(10_000 + lockTimeout.toMillis());
            monitor.join(10_000);

            Result result = summarize(new ArrayList<>(probes), new ArrayList<>(samples), migrationStart, migrationEnd);
            if (timedOut) {
                throw new AssertionError("migration did not finish within " + MIGRATION_TIMEOUT + "; " + result,
                        migrationError.get());
            }
            if (migrationError.get() != null) {
                throw new AssertionError("migration failed; " + result, migrationError.get());
            }
            if (loopError.get() != null) {
                throw new AssertionError("probe/monitor loop failed; " + result, loopError.get());
            }
            return result;
        } finally {
            closeQuietly(migrationConn);
            closeQuietly(probeConn);
            closeQuietly(monitorConn);
        }
    }

    /** What was observed while the migration ran. Durations are informational and never asserted on. */
    public record Result(
            int probesDuringMigration,
            int probesSucceededDuringMigration,
            int probesBlocked,
            int probesSucceededWhileLockHeld,
            boolean probeSeenWaitingOnMigration,
            boolean migrationSeenWaiting,
            Set<String> lockModesHeldByMigration,
            Set<String> lockModesSeen,
            List<String> indexBuildPhases,
            Map<String, Integer> otherProbeErrors,
            int samples,
            long migrationMillis) {

        /** Direct evidence: a probe hit lock_timeout or was seen waiting on the migration. */
        public boolean probeBlocked() {
            return probesBlocked > 0 || probeSeenWaitingOnMigration;
        }

        public boolean migrationHeld(String mode) {
            return lockModesHeldByMigration.contains(mode);
        }

        public boolean migrationHeldAnyOf(Set<String> modes) {
            return !Collections.disjoint(lockModesHeldByMigration, modes);
        }

        /** Blocked: a probe was blocked, or the migration held one of {@code blockingModes} on the table. */
        public void assertBlocked(Set<String> blockingModes) {
            if (!probeBlocked() && !migrationHeldAnyOf(blockingModes)) {
                throw new AssertionError("expected the migration to block the probe (or hold one of "
                        + blockingModes + "), but saw no evidence; " + this);
            }
        }

        /**
         * Not blocked: no probe was blocked or failed, the migration never held one of {@code blockingModes},
         * and at least {@code minProbes} probes succeeded while the migration was seen holding its lock (or, when
         * its lock showed in too few samples to span them, during a migration seen holding it).
         */
        public void assertNotBlocked(Set<String> blockingModes, int minProbes) {
            List<String> problems = new ArrayList<>();
            if (probeBlocked()) {
                problems.add("a probe was blocked");
            }
            if (!otherProbeErrors.isEmpty()) {
                problems.add("probes failed");
            }
            if (migrationHeldAnyOf(blockingModes)) {
                problems.add("migration held a blocking lock mode");
            }
            // a short scan may show its lock in one sample only: then the probes that succeeded during the migration,
            // which was seen holding its (non-blocking) lock, are the evidence that they ran concurrently
            boolean concurrent = probesSucceededWhileLockHeld >= minProbes
                    || (!lockModesHeldByMigration.isEmpty() && probesSucceededDuringMigration >= minProbes);
            if (!concurrent) {
                problems.add("fewer than " + minProbes + " probes succeeded while the migration held its lock"
                        + " (too fast to observe? seed more rows)");
            }
            if (!problems.isEmpty()) {
                throw new AssertionError(String.join(", ", problems) + "; " + this);
            }
        }
    }

    private static Result summarize(List<ProbeEvent> probes, List<Sample> samples, long migrationStart, long migrationEnd) {
        long firstHeld = Long.MAX_VALUE;
        long lastHeld = Long.MIN_VALUE;
        boolean probeWaited = false;
        boolean migrationWaited = false;
        Set<String> held = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        Set<String> phases = new LinkedHashSet<>();
        for (Sample s : samples) {
            if (!s.heldByMigration.isEmpty()) {
                firstHeld = Math.min(firstHeld, s.at);
                lastHeld = Math.max(lastHeld, s.at);
            }
            held.addAll(s.heldByMigration);
            seen.addAll(s.seen);
            probeWaited |= s.probeWaitingOnMigration;
            migrationWaited |= s.migrationWaiting;
            if (s.indexPhase != null) {
                phases.add(s.indexPhase);
            }
        }
        int during = 0;
        int succeededDuring = 0;
        int blocked = 0;
        int whileHeld = 0;
        Map<String, Integer> errors = new TreeMap<>();
        for (ProbeEvent p : probes) {
            // Nothing but the migration touches the table, so a lock timeout at any point is its doing.
            if (LOCK_NOT_AVAILABLE.equals(p.sqlState)) {
                blocked++;
            } else if (!p.succeeded()) {
                errors.merge(p.sqlState + ": " + p.error, 1, Integer::sum);
            }
            if (p.end >= migrationStart && p.start <= migrationEnd) {
                during++;
                if (p.succeeded()) {
                    succeededDuring++;
                }
            }
            if (p.succeeded() && p.start >= firstHeld && p.end <= lastHeld) {
                whileHeld++;
            }
        }
        return new Result(during, succeededDuring, blocked, whileHeld, probeWaited, migrationWaited,
                Collections.unmodifiableSet(held), Collections.unmodifiableSet(seen), List.copyOf(phases),
                Collections.unmodifiableMap(errors), samples.size(),
                TimeUnit.NANOSECONDS.toMillis(migrationEnd - migrationStart));
    }

    private record ProbeEvent(long start, long end, String sqlState, String error) {
        boolean succeeded() {
            return sqlState == null && error == null;
        }
    }

    private record Sample(long at, Set<String> heldByMigration, Set<String> seen, boolean probeWaitingOnMigration,
                          boolean migrationWaiting, String indexPhase) {
    }

    private ProbeEvent probeOnce(Connection c) {
        long start = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute(probeSql);
            return new ProbeEvent(start, System.nanoTime(), null, null);
        } catch (SQLException e) {
            return new ProbeEvent(start, System.nanoTime(), e.getSQLState() == null ? "?????" : e.getSQLState(),
                    e.getMessage());
        }
    }

    // A probe queued for the relation extension lock (both sessions appending pages) waits for microseconds on
    // any busy table; that is not the migration blocking writes, so only other waits count.
    // Numbers only (oid, pids from the server), so inlining them is safe. Parallel workers of the migration
    // (e.g. a parallel index build) hold the table lock under their own pid; they count as the migration.
    private static String sampleSql(long tableOid, int migrationPid, int probePid) {
        String rel = "l.locktype = 'relation' AND l.relation = " + tableOid + "::oid";
        String migration = "(l.pid = " + migrationPid + " OR l.pid IN (SELECT pid FROM pg_stat_activity WHERE leader_pid = "
                + migrationPid + "))";
        return "SELECT"
                + " ARRAY(SELECT DISTINCT l.mode FROM pg_locks l WHERE " + rel + " AND " + migration
                + " AND l.granted ORDER BY 1),"
                + " ARRAY(SELECT DISTINCT l.mode || CASE WHEN l.granted THEN '' ELSE ' (waiting)' END"
                + " || CASE WHEN " + migration + " THEN ' [migration]' WHEN l.pid = " + probePid
                + " THEN ' [probe]' ELSE ' [other]' END FROM pg_locks l WHERE " + rel + " ORDER BY 1),"
                + " " + migrationPid + " = ANY(pg_blocking_pids(" + probePid + "))"
                + " AND EXISTS(SELECT 1 FROM pg_locks w WHERE w.pid = " + probePid
                + " AND NOT w.granted AND w.locktype <> 'extend'),"
                + " EXISTS(SELECT 1 FROM pg_locks l WHERE " + migration + " AND NOT l.granted),"
                + " (SELECT phase FROM pg_stat_progress_create_index WHERE pid = " + migrationPid + ")";
    }

    private static Sample sample(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Sample(System.nanoTime(), strings(rs.getArray(1)), strings(rs.getArray(2)),
                    rs.getBoolean(3), rs.getBoolean(4), rs.getString(5));
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        return new TreeSet<>(Arrays.asList((String[]) array.getArray()));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static Thread loop(String name, AtomicBoolean stop, CountDownLatch running,
                               AtomicReference<Throwable> error, Step step) {
        return new Thread(() -> {
            boolean first = true;
            try {
                while (!stop.get()) {
                    step.run();
                    if (first) {
                        running.countDown();
                        first = false;
                    }
                    Thread.sleep(PAUSE_MILLIS);
                }
            } catch (Throwable t) {
                error.compareAndSet(null, t);
                stop.set(true);
                if (first) {
                    running.countDown();
                }
            }
        }, name);
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void cancelBackend(int pid) {
        try (Connection c = PgTestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_cancel_backend(" + pid + ")");
        } catch (SQLException ignored) {
            // best effort; the proof fails anyway
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closed again by ScratchSchema.close()
        }
    }
}
