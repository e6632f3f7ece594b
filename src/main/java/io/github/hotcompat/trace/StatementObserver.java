package io.github.hotcompat.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs statements on the migration's connection, inside its open transaction, and observes each one.
 * Catalog facts come from the migration's own backend, because before commit only it sees the new
 * {@code relfilenode} and new indexes, and {@code pg_stat_xact_user_tables} counts its own transaction's scans.
 * Locks come from pg_locks read through a second connection by the migration's pid, so the observer's own
 * catalog reads do not show up as the migration's locks.
 */
public final class StatementObserver {

    private final Connection migration;
    private final Connection observer;
    private final String schema;
    private final int pid;

    /**
     * @param migration the connection the changesets run on; must not be in autocommit, so locks stay held
     *                  until {@link Connection#commit()}
     * @param observer  a second connection to the same database
     * @param schema    the scratch schema whose tables are watched
     */
    public StatementObserver(Connection migration, Connection observer, String schema) throws SQLException {
        if (migration.getAutoCommit()) {
            throw new IllegalArgumentException("the migration connection must be in a transaction to observe its locks");
        }
        this.migration = migration;
        this.observer = observer;
        this.schema = schema;
        try (Statement st = migration.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.pid = rs.getInt(1);
        }
    }

    /** The work one traced step does on the migration's connection: a statement, or a Liquibase change run by Liquibase. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Runs one statement and reports what it did; an SQL error is recorded, not thrown, and the transaction is rolled back. */
    public TracedStatement run(String file, int line, String sql) throws SQLException {
        return run(file, line, sql, () -> {
            try (Statement st = migration.createStatement()) {
                st.execute(sql);
            }
        });
    }

    /**
     * Runs {@code work} inside the migration's open transaction and reports what it did, as {@link #run(String, int,
     * String)} does for one statement; {@code description} stands for its SQL (e.g. the customChange class).
     */
    public TracedStatement run(String file, int line, String description, Work work) throws SQLException {
        Map<String, TableState> before = tables();
        long start = System.nanoTime();
        String error = failure(work);
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<TracedStatement.Lock> locks = locks();
        if (error != null) {
            migration.rollback();
            return new TracedStatement(file, line, description, millis, locks, List.of(), List.of(), List.of(), error);
        }
        return changes(file, line, description, millis, locks, before, tables(), true);
    }

    /**
     * Runs {@code work} with the migration's connection in autocommit, as Liquibase runs a changeset with
     * {@code runInTransaction="false"}: each statement commits and releases its locks at once, so they are sampled
     * from the second connection while it runs (a lock held for less than a sampling interval can be missed).
     * Sequential scans are not observed here: their counters belong to the statement's own, already ended, transaction.
     */
    public TracedStatement runOutsideTransaction(String file, int line, String description, Work work) throws SQLException {
        migration.setAutoCommit(true);
        try {
            Map<String, TableState> before = tables();
            Set<List<Object>> seen = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    try {
                        seen.addAll(rawLocks());
                        Thread.sleep(2);
                    } catch (SQLException | InterruptedException e) {
                        return; // the observer's connection is gone or the work ended: what was seen stands
                    }
                }
            }, "hotcompat-trace-lock-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            String error;
            try {
                error = failure(work);
            } finally {
                running.set(false);
                try {
                    sampler.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<TracedStatement.Lock> locks = named(seen);
            if (error != null) {
                return new TracedStatement(file, line, description, millis, locks, List.of(), List.of(), List.of(), List.of(), error, true);
            }
            return changes(file, line, description, millis, locks, before, tables(), false);
        } finally {
            migration.setAutoCommit(false);
        }
    }

    private static String failure(Work work) {
        try {
            work.run();
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        } catch (Exception e) {
            // a customChange's own exception (Liquibase wraps the SQL error): the innermost message says what failed
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) t = t.getCause();
            return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        }
    }

    private TracedStatement changes(String file, int line, String sql, long millis, List<TracedStatement.Lock> locks,
                                    Map<String, TableState> before, Map<String, TableState> after, boolean inTransaction)
            throws SQLException {
        List<String> rewritten = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        List<String> indexed = new ArrayList<>();
        List<Long> newIndexes = new ArrayList<>();
        for (Map.Entry<String, TableState> e : before.entrySet()) {
            TableState now = after.get(e.getKey());
            if (now == null) continue; // dropped: neither a rewrite nor a scan of a table that lives on
            TableState was = e.getValue();
            if (now.relfilenode != was.relfilenode) rewritten.add(e.getKey());
            if (inTransaction && now.seqScans > was.seqScans) scanned.add(e.getKey());
            if (!was.indexes.containsAll(now.indexes)) {
                indexed.add(e.getKey());
                now.indexes.stream().filter(i -> !was.indexes.contains(i)).forEach(newIndexes::add);
            }
        }
        return new TracedStatement(file, line, sql, millis, locks, rewritten, scanned, indexed, definitions(newIndexes),
                null, !inTransaction);
    }

    /** {@code pg_get_indexdef} of the indexes, read by the migration's backend (it sees its own uncommitted ones). */
    private List<String> definitions(List<Long> indexes) throws SQLException {
        if (indexes.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = migration.prepareStatement(
                "SELECT pg_get_indexdef(i) FROM unnest(?::bigint[]) i ORDER BY 1")) {
            ps.setArray(1, migration.createArrayOf("bigint", indexes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                // the scratch schema is the trace's, not the user's: name the table as the changelog does
                while (rs.next()) out.add(rs.getString(1).replace(" ON " + schema + ".", " ON ").replace(" ON ONLY " + schema + ".", " ON ONLY "));
            }
        }
        return out;
    }

    /** Granted relation locks of the migration's backend in this database, as {@code [oid, mode]}. */
    private List<List<Object>> rawLocks() throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        String q = "SELECT l.relation::bigint, l.mode FROM pg_locks l WHERE l.pid = ? AND l.locktype = 'relation' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (PreparedStatement ps = observer.prepareStatement(q)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(List.of(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    /** Sampled locks named after the work committed (relations it created are visible by then); others of the schema left out. */
    private List<TracedStatement.Lock> named(Set<List<Object>> seen) throws SQLException {
        if (seen.isEmpty()) return List.of();
        Map<Long, String> names = relationNames(observer, seen.stream().map(l -> (Long) l.get(0)).distinct().toList());
        TreeSet<TracedStatement.Lock> out = new TreeSet<>(Comparator.comparing(TracedStatement.Lock::relation)
                .thenComparing(TracedStatement.Lock::mode));
        for (List<Object> l : seen) {
            String name = names.get((Long) l.get(0));
            if (name != null) out.add(new TracedStatement.Lock(name, (String) l.get(1), true));
        }
        return new ArrayList<>(out);
    }

    /** The names of the relations of the scratch schema among {@code oids}, as the connection {@code via} sees them. */
    private Map<Long, String> relationNames(Connection via, List<Long> oids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        String q = "SELECT c.oid::bigint, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid::bigint = ANY(?) AND n.nspname = ?";
        try (PreparedStatement ps = via.prepareStatement(q)) {
            ps.setArray(1, via.createArrayOf("bigint", oids.toArray()));
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.put(rs.getLong(1), rs.getString(2));
            }
        }
        return names;
    }

    /** The scratch schema whose tables are watched. */
    public String schema() {
        return schema;
    }

    /** Tables of the schema that exist right now, as the migration's transaction sees them. */
    public Map<String, TableState> tables() throws SQLException {
        Map<String, TableState> out = new HashMap<>();
        String q = "SELECT c.relname, c.relfilenode, coalesce(x.seq_scan, 0),"
                + " coalesce((SELECT array_agg(i.indexrelid::bigint) FROM pg_index i WHERE i.indrelid = c.oid), '{}')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_stat_xact_user_tables x ON x.relid = c.oid"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'm')";
        try (PreparedStatement ps = migration.prepareStatement(q)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TreeSet<Long> indexes = new TreeSet<>();
                    for (Object o : (Object[]) rs.getArray(4).getArray()) indexes.add(((Number) o).longValue());
                    out.put(rs.getString(1), new TableState(rs.getLong(2), rs.getLong(3), indexes));
                }
            }
        }
        return out;
    }

    /** Relation locks held or awaited by the migration's backend on objects of the schema. */
    public List<TracedStatement.Lock> locks() throws SQLException {
        List<TracedStatement.Lock> out = new ArrayList<>();
        // relname through the observer: a relation created in the open transaction is not in its catalog view,
        // so fall back to the oid; the lock is still listed.
        String q = "SELECT coalesce(c.relname, l.relation::text), l.mode, l.granted FROM pg_locks l"
                + " LEFT JOIN pg_class c ON c.oid = l.relation LEFT JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE l.pid = ? AND l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND (n.nspname = ? OR c.oid IS NULL) ORDER BY 1, 2";
        try (PreparedStatement ps = observer.prepareStatement(q)) {
            ps.setInt(1, pid);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new TracedStatement.Lock(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        return namedByTheMigration(out);
    }

    /**
     * Relations the open transaction created (a new table, index or a rewrite's new TOAST table) are invisible to the
     * observer, which listed them by oid: the migration's own backend sees them, so name them there, and leave out
     * those outside the scratch schema (TOAST tables are the table's own business).
     */
    private List<TracedStatement.Lock> namedByTheMigration(List<TracedStatement.Lock> locks) throws SQLException {
        List<Long> oids = new ArrayList<>();
        for (TracedStatement.Lock l : locks) if (l.relation().chars().allMatch(Character::isDigit)) oids.add(Long.parseLong(l.relation()));
        if (oids.isEmpty()) return locks;
        Map<Long, String> names = relationNames(migration, oids);
        List<TracedStatement.Lock> out = new ArrayList<>();
        for (TracedStatement.Lock l : locks) {
            if (!l.relation().chars().allMatch(Character::isDigit)) out.add(l);
            else {
                String name = names.get(Long.parseLong(l.relation()));
                if (name != null) out.add(new TracedStatement.Lock(name, l.mode(), l.granted()));
            }
        }
        out.sort(Comparator.comparing(TracedStatement.Lock::relation).thenComparing(TracedStatement.Lock::mode));
        return out;
    }

    public record TableState(long relfilenode, long seqScans, TreeSet<Long> indexes) {
    }
}
