package io.github.hotcompat.trace;

import java.util.List;

/**
 * What one statement of a pending changeset did on the scratch database: the relation locks its backend
 * held right after it ran (before commit), the tables it rewrote ({@code relfilenode} changed), scanned
 * (sequential scans in its own transaction) or gave a new index, and how long it took.
 * {@code error} is the database's message when the statement failed, else null.
 */
public record TracedStatement(String file, int line, String sql, long durationMillis, List<Lock> locks,
                              List<String> rewritten, List<String> scanned, List<String> indexesBuilt,
                              String error) {

    public TracedStatement {
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
        scanned = List.copyOf(scanned);
        indexesBuilt = List.copyOf(indexesBuilt);
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
