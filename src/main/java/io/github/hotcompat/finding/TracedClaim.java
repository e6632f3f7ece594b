package io.github.hotcompat.finding;

import io.github.hotcompat.trace.TracedChangeSet;
import io.github.hotcompat.trace.TracedStatement;

import java.util.List;
import java.util.function.Function;

/**
 * What a lock rule says PostgreSQL does to its finding's table, in the terms {@code hotcompat:trace} observes:
 * the claim a trace can confirm or contradict. Hot-compatibility and changelog rules claim nothing a trace sees.
 */
public enum TracedClaim {
    /** Not a claim about locks or table work (or not one a trace can see). */
    NONE("", null),
    /** A lock of SHARE or stronger on the table: its writes wait. */
    BLOCKING_LOCK("a lock of SHARE or stronger", null),
    ACCESS_EXCLUSIVE("an ACCESS EXCLUSIVE lock", null),
    /** The table's file is rewritten ({@code relfilenode} changes) under a blocking lock. */
    REWRITE("a rewrite under a blocking lock", TracedStatement::rewritten),
    /** An index on the table is built under a blocking lock. */
    INDEX_BUILD("an index build under a blocking lock", TracedStatement::indexesBuilt),
    /** The table is scanned (a validation, a backfill) under a blocking lock. */
    SCAN("a scan under a blocking lock", TracedStatement::scanned),
    /** PostgreSQL refuses the changeset as written. */
    FAILS("an error", null);

    private final String observed;
    /** The tables a statement did the claimed work on; null for a claim about a lock alone. */
    private final Function<TracedStatement, List<String>> workedOn;

    TracedClaim(String observed, Function<TracedStatement, List<String>> workedOn) {
        this.observed = observed;
        this.workedOn = workedOn;
    }

    /** What a trace must show, in words for a report ("a rewrite under a blocking lock"). */
    public String observed() {
        return observed;
    }

    /**
     * Whether the traced changeset shows this claim on {@code table}. Only a changeset that ran to its end can
     * contradict a claim other than {@link #FAILS}; one that failed or was not traced confirms nothing.
     */
    public boolean holdsIn(TracedChangeSet cs, String table) {
        if (this == NONE) return true;
        if (this == FAILS) return cs.error() != null;
        for (TracedStatement s : cs.statements()) {
            if (workedOn != null && workedOn.apply(s).stream().noneMatch(table::equalsIgnoreCase)) continue;
            // sampled locks (outside a transaction) can miss a brief one: the work seen is not contradicted by them
            boolean locked = s.locksSampled() || s.locks().stream().anyMatch(l -> l.granted() && l.relation().equalsIgnoreCase(table)
                    && (this == ACCESS_EXCLUSIVE ? l.mode().equals("AccessExclusiveLock") : l.blocksWrites()));
            if (locked) return true;
        }
        return false;
    }

    /**
     * Whether the trace of {@code cs} can judge the claim: it ran to its end (or, for {@link #FAILS}, ran at all), and
     * for a claim about a lock alone, its locks were all seen (not sampled outside a transaction, which can miss a brief one).
     */
    public boolean judgeableIn(TracedChangeSet cs) {
        if (this == NONE || cs.notTraced() != null) return false;
        if (this == FAILS) return true;
        if ((this == BLOCKING_LOCK || this == ACCESS_EXCLUSIVE) && cs.statements().stream().anyMatch(TracedStatement::locksSampled)) {
            return false;
        }
        return cs.error() == null;
    }
}
