package io.github.hotcompat.trace;

import java.util.List;

/**
 * What one statement of a pending changeset did on the scratch database: the relation locks its backend
 * held right after it ran (before commit), the tables it rewrote ({@code relfilenode} changed), scanned
 * (sequential scans in its own transaction) or gave a new index, and how long it took.
 * {@code error} is the database's message when the statement failed, else null. {@code locksSampled}: the
 * statement ran outside a transaction and its locks were sampled while it ran, so a brief one may be missing.
 * {@code indexDefinitions}: the new indexes as {@code pg_get_indexdef} writes them, without the scratch schema
 * ({@code CREATE INDEX accounts_email ON accounts USING btree (email)}), so a rewrite can build them concurrently.
 */
public record TracedStatement(String file, int line, String sql, long durationMillis, List<Lock> locks,
                              List<String> rewritten, List<String> scanned, List<String> indexesBuilt,
                              List<String> indexDefinitions, String error, boolean locksSampled) {

    /** A statement observed inside its transaction: {@code locks} is every lock it held. */
    public TracedStatement(String file, int line, String sql, long durationMillis, List<Lock> locks,
                           List<String> rewritten, List<String> scanned, List<String> indexesBuilt, String error) {
        this(file, line, sql, durationMillis, locks, rewritten, scanned, indexesBuilt, List.of(), error, false);
    }

    public TracedStatement {
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        scanned = List.copyOf(scanned);
        indexesBuilt = List.copyOf(indexesBuilt);
        indexDefinitions = indexDefinitions == null ? List.of() : List.copyOf(indexDefinitions);
    }

    /** A relation lock as pg_locks shows it. */
    public record Lock(String relation, String mode, boolean granted) {

        /** SHARE or stronger: concurrent INSERT/UPDATE/DELETE wait behind it. */
        public boolean blocksWrites() {
            return switch (mode) {
                case "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock" -> true;
                default -> false;
            };
        }
    }

    /** The tables this statement rewrote, indexed or scanned while its backend held a write-blocking lock on them. */
    public List<String> blockingWork() {
        return java.util.stream.Stream.of(rewritten, indexesBuilt, scanned).flatMap(List::stream).distinct()
                .filter(t -> locks.stream().anyMatch(l -> l.relation().equals(t) && l.granted() && l.blocksWrites()))
                .toList();
    }
}
