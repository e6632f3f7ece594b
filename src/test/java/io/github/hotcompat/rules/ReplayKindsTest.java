package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.github.hotcompat.rules.FixtureRunner.one;
import static io.github.hotcompat.rules.FixtureRunner.rendered;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What the fixtures' counts do not show: the findings on views, sequences and unresolved properties
 * say the right kind and carry the right remedy, and a name holding a property is judged by nothing.
 */
class ReplayKindsTest {

    private static AnalysisResult analyze(String fixture) throws Exception {
        return FixtureRunner.analyze(Path.of("src/test/resources/fixtures", fixture));
    }

    private static List<Finding> on(AnalysisResult r, String changeSetId) {
        return r.findings().stream().filter(f -> changeSetId.equals(f.changeSetId())).toList();
    }



    @Test
    void sequenceRenameIsAWarningWithoutACompatibilityView() throws Exception {
        AnalysisResult r = analyze("rename-table/relations.xml");
        Finding f = one(r, "rename-table", "2");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("existing sequence orders_seq renamed to order_id_seq"), f.message());
        String text = rendered(r, f);
        assertFalse(text.contains("CREATE VIEW"), "a view cannot stand in for a sequence: " + text);
        assertTrue(text.contains("ALTER SEQUENCE orders_seq RENAME TO order_id_seq"), text);
        assertTrue(f.plan().notes().stream().anyMatch(n -> n.contains("OID")), f.plan().notes().toString());
    }

    @Test
    void viewRenameKeepsTheOldNameAsAView() throws Exception {
        AnalysisResult r = analyze("rename-table/relations.xml");
        Finding f = one(r, "rename-table", "3");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("existing view v_orders renamed to v_purchases"), f.message());
        String text = rendered(r, f);
        assertTrue(text.contains("ALTER VIEW v_orders RENAME TO v_purchases"), text);
        assertTrue(text.contains("CREATE VIEW v_orders AS SELECT * FROM v_purchases"), text);

        Finding mv = one(r, "rename-table", "5");
        assertTrue(rendered(r, mv).contains("ALTER MATERIALIZED VIEW mv_totals RENAME TO mv_order_totals"), rendered(r, mv));
        assertTrue(mv.plan().notes().stream().anyMatch(n -> n.contains("REFRESH MATERIALIZED VIEW mv_totals")));
    }

    @Test
    void droppedSequenceAndViewSayTheirKind() throws Exception {
        AnalysisResult r = analyze("drop-table/relations.xml");
        assertEquals("existing view v_orders dropped", one(r, "drop-table", "2").message());
        Finding seq = one(r, "drop-table", "4");
        assertEquals("existing sequence order_seq dropped", seq.message());
        assertTrue(rendered(r, seq).contains("DROP SEQUENCE order_seq"), rendered(r, seq));
        assertTrue(rendered(r, one(r, "drop-table", "5")).contains("DROP MATERIALIZED VIEW mv_order_count"));
    }

    @Test
    void temporaryAndScratchTablesGetNoFindingAtAll() throws Exception {
        AnalysisResult index = analyze("index-not-concurrent/scratch-tables.xml");
        assertEquals(List.of(), on(index, "3"), "a scratch table created, indexed and dropped in one changeset");
        assertTrue(on(index, "2").stream().noneMatch(f -> "tmp_ids".equals(f.table())), on(index, "2").toString());
        AnalysisResult drop = analyze("drop-table/scratch-tables.yaml");
        assertEquals(List.of(), on(drop, "3"));
        assertTrue(on(drop, "2").stream().noneMatch(f -> "tmp_totals".equals(f.table())), on(drop, "2").toString());
    }

    @Test
    void unresolvedPropertyIsOneInfoNoteNamingItAndHowToSetIt() throws Exception {
        AnalysisResult r = analyze("sql-not-analyzed/unresolved-properties.xml");
        for (String id : List.of("2", "3")) {
            List<Finding> all = on(r, id);
            assertEquals(1, all.size(), "the operations on the name are judged by no rule: " + all);
            Finding f = all.get(0);
            assertEquals("sql-not-analyzed", f.ruleId());
            assertEquals(Severity.INFO, f.severity());
            assertTrue(f.message().contains("${tenant_prefix}"), f.message());
            String notes = String.join("\n", f.plan().notes());
            assertTrue(notes.contains("-Dtenant_prefix=<value>"), notes);
            assertTrue(notes.contains("<property name=\"tenant_prefix\" value=\"<value>\"/>"), notes);
            assertFalse(rendered(r, f).contains("FROM $"), rendered(r, f));
        }
        assertTrue(one(r, "sql-not-analyzed", "3").message().contains("${tenant_prefix}_orders (sql)"));

        AnalysisResult yaml = analyze("sql-not-analyzed/unresolved-properties.yaml");
        Finding f = one(yaml, "sql-not-analyzed", "2");
        assertTrue(f.message().contains("${archive.suffix}"), f.message());
        assertTrue(String.join("\n", f.plan().notes()).contains("- property: {name: archive.suffix"));
        assertEquals(1, on(yaml, "4").size(), "DROP TABLE ${legacyTable} is no drop-table of a table '$': " + on(yaml, "4"));
        assertTrue(one(yaml, "sql-not-analyzed", "4").message().contains("${legacyTable}"), "as written, not case-folded");
    }

    @Test
    void dropAllForeignKeysOnAKnownTableIsJudgedAsItsDrops() throws Exception {
        AnalysisResult r = analyze("sql-not-analyzed/unresolved-properties.xml");
        List<Finding> locks = on(r, "5").stream().filter(f -> f.ruleId().equals("missing-lock-timeout")).toList();
        assertEquals(1, locks.size(), on(r, "5").toString());
        assertTrue(locks.get(0).message().contains("fk_accounts_owner"), locks.get(0).message());
        String text = rendered(r, locks.get(0));
        assertFalse(text.contains("<changeSet"), "no changeset without the drops (Liquibase needs the live database "
                + "to list them): the rewrite says where the SET goes instead: " + text);
        assertTrue(text.contains("first statement of changeset '5'"), text);
        assertEquals(Severity.WARNING, one(r, "sql-not-analyzed", "6").severity());
    }

    @Test
    void updateOfNullRowsOfANotNullColumnIsNoBackfill() throws Exception {
        AnalysisResult r = analyze("ddl-with-backfill/not-null.xml");
        assertTrue(on(r, "2").stream().noneMatch(f -> f.ruleId().equals("ddl-with-backfill")
                || f.ruleId().equals("unbatched-backfill")), on(r, "2").toString());
    }
}
