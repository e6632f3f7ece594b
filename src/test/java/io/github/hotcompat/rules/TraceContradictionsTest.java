package io.github.hotcompat.rules;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import io.github.hotcompat.trace.TracedStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which static findings a trace contradicts (the claims themselves are checked on PostgreSQL by TracedClaimsTest). */
class TraceContradictionsTest {
    private static final String FILE = "db.xml";

    private static TraceFile traceOf(TracedStatement s, String error) {
        return TraceFile.of(List.of("accounts"), List.of(new TracedChangeSet("2", "ana", FILE, 7, List.of(s), error, null)));
    }

    private static TracedStatement statement(List<String> rewritten, String mode, boolean sampled) {
        return new TracedStatement(FILE, 7, "ALTER TABLE accounts ALTER COLUMN score TYPE bigint", 3,
                List.of(new TracedStatement.Lock("accounts", mode, true)), rewritten, List.of(), List.of(), List.of(), null, sampled);
    }

    private static Finding finding(String rule, String table) {
        return new Finding(rule, Severity.ERROR, false, null, FILE, 7, "2", "ana", table, null, "score changes type", "w", null, "");
    }

    @Test
    void aRewriteClaimWithoutARewriteIsContradicted() {
        List<TraceFile.Contradiction> found = TraceContradictions.find(traceOf(statement(List.of(), "AccessExclusiveLock", false), null),
                cs -> List.of(finding("change-column-type", "accounts")));
        assertEquals(1, found.size());
        TraceFile.Contradiction c = found.get(0);
        assertEquals("change-column-type", c.ruleId());
        assertEquals("accounts", c.table());
        assertEquals("db.xml::2::ana", c.changeSet());
        assertTrue(c.message().contains("a rewrite under a blocking lock on accounts"), c.message());
    }

    @Test
    void aConfirmedClaimAnUntracedTableAndAHotCompatibilityRuleAreNot() {
        TraceFile rewritten = traceOf(statement(List.of("accounts"), "AccessExclusiveLock", false), null);
        assertEquals(List.of(), TraceContradictions.find(rewritten, cs -> List.of(finding("change-column-type", "accounts"))));
        TraceFile none = traceOf(statement(List.of(), "AccessExclusiveLock", false), null);
        assertEquals(List.of(), TraceContradictions.find(none, cs -> List.of(finding("change-column-type", "fresh"))),
                "a table the release creates is not in the trace's existing tables");
        assertEquals(List.of(), TraceContradictions.find(none, cs -> List.of(finding("rename-column", "accounts"))),
                "rename-column claims nothing about locks");
    }

    @Test
    void aFailedChangesetOrSampledLocksJudgeNoLockClaim() {
        TraceFile failed = traceOf(statement(List.of(), "AccessExclusiveLock", false), "db.xml:7: ERROR: boom");
        assertEquals(List.of(), TraceContradictions.find(failed, cs -> List.of(finding("change-column-type", "accounts"))));
        TraceFile sampled = traceOf(statement(List.of(), "ShareUpdateExclusiveLock", true), null);
        assertEquals(List.of(), TraceContradictions.find(sampled, cs -> List.of(finding("missing-lock-timeout", "accounts"))),
                "a brief lock can escape sampling");
        TraceFile complete = traceOf(statement(List.of(), "ShareUpdateExclusiveLock", false), null);
        assertEquals(1, TraceContradictions.find(complete, cs -> List.of(finding("missing-lock-timeout", "accounts"))).size());
    }
}
