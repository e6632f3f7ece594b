package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.extract.Operation.Origin;
import io.github.hotcompat.extract.Operation.RefreshMaterializedView;
import io.github.hotcompat.extract.Operation.TriggerAction;
import io.github.hotcompat.extract.Operation.TriggerChange;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.replay.Schema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.github.hotcompat.rules.FixtureRunner.one;
import static io.github.hotcompat.rules.FixtureRunner.rendered;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What the fixtures' counts do not show for refresh-matview-not-concurrent, trigger-ddl and
 * alter-enum-type: severities, the plan each one chooses, and the locks TableLocks lists.
 */
class MatviewTriggerEnumRulesTest {
    private static AnalysisResult analyze(String fixture) throws Exception {
        return FixtureRunner.analyze(Path.of("src/test/resources/fixtures", fixture));
    }



    @Test
    void refreshIsAnErrorOnAPopulatedViewOnlyAndRewritesWhereAUniqueIndexIsKnown() throws Exception {
        AnalysisResult r = analyze("refresh-matview-not-concurrent/changes.sql");
        Finding indexed = one(r, "refresh-matview-not-concurrent", "2");
        assertEquals(Severity.ERROR, indexed.severity());
        assertTrue(rendered(r, indexed).contains("REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;"), rendered(r, indexed));
        Finding noIndex = one(r, "refresh-matview-not-concurrent", "4");
        assertEquals(Severity.ERROR, noIndex.severity());
        assertTrue(noIndex.plan().notes().stream().anyMatch(n -> n.contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS order_counts_key")),
                noIndex.plan().notes().toString());
        assertFalse(rendered(r, noIndex).contains("CONCURRENTLY order_counts;"), "no index known: no CONCURRENTLY that would fail");
        assertEquals(Severity.WARNING, one(r, "refresh-matview-not-concurrent", "5").severity(), "created WITH NO DATA");
        assertEquals(Severity.WARNING, one(r, "refresh-matview-not-concurrent", "6").severity(), "WITH NO DATA empties it");
        assertEquals(Severity.WARNING, one(analyze("refresh-matview-not-concurrent/changes.xml"),
                "refresh-matview-not-concurrent", "3").severity(), "a view the changelog never created");
    }

    @Test
    void triggerMovesOutOfABusierChangesetAndDisableAllWarnsAboutForeignKeys() throws Exception {
        AnalysisResult r = analyze("trigger-ddl/changes.sql");
        String moved = rendered(r, one(r, "trigger-ddl", "4"));
        assertTrue(moved.contains("--changeset ana:4-trigger-orders_audit\n  SET LOCAL lock_timeout = '5s';\n  ALTER TABLE orders ENABLE TRIGGER orders_audit;"), moved);
        List<Finding> recreated = r.findings().stream().filter(f -> f.ruleId().equals("trigger-ddl") && f.changeSetId().equals("8")).toList();
        assertEquals(2, recreated.size());
        String together = rendered(r, recreated.get(0));
        assertTrue(together.contains("--changeset cy:8-trigger-orders_audit\n  SET LOCAL lock_timeout = '5s';\n"
                + "  DROP TRIGGER IF EXISTS orders_audit ON orders;\n  CREATE TRIGGER orders_audit"), "DROP and CREATE stay together: " + together);
        Finding all = one(r, "trigger-ddl", "6");
        assertTrue(all.why().contains("foreign keys"), all.why());
        assertTrue(all.plan().notes().stream().anyMatch(n -> n.startsWith("Never disable foreign-key triggers")));
    }

    @Test
    void enumValueAddedOutsideATransactionBeforePg12AndInItsOwnChangesetWhenUsed() throws Exception {
        AnalysisResult pg11 = analyze("alter-enum-type/pg11.sql");
        assertTrue(rendered(pg11, one(pg11, "alter-enum-type", "2")).contains("runInTransaction:false"));
        AnalysisResult r = analyze("alter-enum-type/changes.sql");
        Finding used = one(r, "alter-enum-type", "7");
        assertTrue(used.why().contains("55P04"), used.why());
        assertTrue(rendered(r, used).contains("--changeset bo:7-enum-refunded runInTransaction:false\n  ALTER TYPE order_status ADD VALUE 'refunded';"),
                rendered(r, used));
        assertTrue(one(r, "alter-enum-type", "5").message().contains("without 'fax'"));
    }

    @Test
    void locksOfTheNewOperations() {
        Origin o = new Origin(0, "sql", "x");
        Schema s = new Schema();
        assertEquals(TableLocks.SHARE_ROW_EXCLUSIVE, TableLocks.of(new TriggerChange(o, "t", TriggerAction.CREATE, "a"), s).get(0).mode());
        assertEquals(TableLocks.SHARE_ROW_EXCLUSIVE, TableLocks.of(new TriggerChange(o, "t", TriggerAction.DISABLE, "ALL"), s).get(0).mode());
        assertEquals(TableLocks.ACCESS_EXCLUSIVE, TableLocks.of(new TriggerChange(o, "t", TriggerAction.DROP, "a"), s).get(0).mode());
        assertEquals(TableLocks.ACCESS_EXCLUSIVE, TableLocks.of(new RefreshMaterializedView(o, "v", false, false), s).get(0).mode());
        assertTrue(TableLocks.of(new RefreshMaterializedView(o, "v", true, false), s).isEmpty(), "EXCLUSIVE blocks no reader");
    }
}
