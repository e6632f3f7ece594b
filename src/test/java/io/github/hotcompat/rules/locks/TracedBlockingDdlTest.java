package io.github.hotcompat.rules.locks;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import io.github.hotcompat.trace.TracedStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule's judgement over a trace (the static fixtures cannot flag it: it needs a database; the trace itself
 * is proven in TraceMojoTest and src/it/trace-*).
 */
class TracedBlockingDdlTest {

    private static final String FILE = "src/main/resources/db/changelog.xml";

    private static TraceFile trace(String table) {
        TracedStatement s = new TracedStatement(FILE, 7, "DO $$ BEGIN EXECUTE 'CREATE INDEX i ON " + table + " (v)'; END $$", 3,
                List.of(new TracedStatement.Lock(table, "ShareLock", true)), List.of(), List.of(), List.of(table), null);
        return TraceFile.of(List.of("accounts"), List.of(new TracedChangeSet("2", "ana", FILE, 7, List.of(s), null, null)));
    }

    private static Finding staticFinding(String table) {
        return new Finding("sql-not-analyzed", Severity.WARNING, false, null, FILE, 7, "2", "ana", table, null, "m", "w", null, "");
    }

    @Test
    void flagsBlockingWorkOnAnExistingTableNoStaticFindingNames() {
        List<Finding> found = new TracedBlockingDdl().judge(trace("accounts"), cs -> List.of(staticFinding(null)), Severity.ERROR);
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("traced-blocking-ddl", f.ruleId());
        assertEquals(7, f.line());
        assertEquals("accounts", f.table());
        assertTrue(f.message().contains("build an index on accounts under ShareLock"), f.message());
    }

    @Test
    void passesWhenAStaticFindingReportsTheTableOrTheTableIsNewOrTheRuleIsOff() {
        TracedBlockingDdl rule = new TracedBlockingDdl();
        assertEquals(List.of(), rule.judge(trace("accounts"), cs -> List.of(staticFinding("ACCOUNTS")), Severity.ERROR));
        assertEquals(List.of(), rule.judge(trace("fresh"), cs -> List.of(), Severity.ERROR), "a table of this release");
        assertEquals(List.of(), rule.judge(trace("accounts"), cs -> List.of(), null), "off");
    }
}
