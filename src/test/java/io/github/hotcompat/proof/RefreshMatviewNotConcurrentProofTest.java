package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of refresh-matview-not-concurrent: REFRESH MATERIALIZED VIEW blocks the view's readers under
 * ACCESS EXCLUSIVE for the whole refresh; the plan's REFRESH ... CONCURRENTLY (the view has a unique
 * index) lets them read throughout.
 */
@ExtendWith(PgTestDatabase.class)
class RefreshMatviewNotConcurrentProofTest {
    static final String PROBE = "SELECT id FROM order_report LIMIT 1";

    /**
     * The view's query sleeps 1.5 s once (an init subplan), standing in for a report query over a big
     * table: the refresh lasts long enough for the probe to meet its lock.
     */
    static final String SETUP = """
            CREATE MATERIALIZED VIEW order_report AS SELECT id, amount FROM orders WHERE (SELECT pg_sleep(1.5)::text) = '';
            CREATE UNIQUE INDEX order_report_id_idx ON order_report (id)""";

    static String changelog() {
        return Changelog.xml("""
                <changeSet id="setup" author="dev">
                  <sql>%s</sql>
                </changeSet>
                <changeSet id="refresh-report" author="dev">
                  <sql>REFRESH MATERIALIZED VIEW order_report</sql>
                </changeSet>
                """.formatted(SETUP));
    }

    /** The refresh's finding, with the setup changeset deployed (the view exists and is populated). */
    static Finding finding() throws Exception {
        Path dir = Files.createTempDirectory("hotcompat-proof-refresh");
        Files.writeString(dir.resolve("changelog.xml"), changelog());
        List<Finding> found = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                        RefreshMatviewNotConcurrentProofTest.class.getClassLoader(), Target.postgres(), Map.of(),
                        Baseline.of(List.of("changelog.xml::setup::dev"))))
                .findings().stream().filter(f -> f.ruleId().equals("refresh-matview-not-concurrent")).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    static ProofCase populated(Path dir) throws Exception {
        ProofCase pc = ProofCase.create(dir);
        pc.seed("orders", 10_000);
        for (String statement : SETUP.split(";")) pc.sql(statement);
        return pc;
    }

    @Test
    void refreshBlocksTheViewsReaders(@TempDir Path dir) throws Exception {
        Finding finding = finding();
        assertEquals(Severity.ERROR, finding.severity(), "an existing populated view");
        try (ProofCase pc = populated(dir)) {
            LockProbe.Result r = pc.probe("order_report", PROBE).during(pc.deployment("changelog.xml", Changelog.xml("""
                    <changeSet id="refresh-report" author="dev">
                      <sql>REFRESH MATERIALIZED VIEW order_report</sql>
                    </changeSet>
                    """)));
            System.out.println("[proof] REFRESH MATERIALIZED VIEW: " + r);
            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), "pg_locks showed the migration holding ACCESS EXCLUSIVE: " + r);
        }
    }

    @Test
    void rewriteRefreshesConcurrentlyWithoutBlockingReaders(@TempDir Path dir) throws Exception {
        Finding finding = finding();
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(1, steps.size(), "the refresh, concurrently: " + steps);
        assertTrue(steps.get(0).contains("REFRESH MATERIALIZED VIEW CONCURRENTLY order_report"), steps.get(0));
        try (ProofCase pc = populated(dir)) {
            LockProbe.Result r = pc.probe("order_report", PROBE).during(pc.deployment("step-1.xml", steps.get(0)));
            System.out.println("[proof] rewrite, REFRESH ... CONCURRENTLY: " + r);
            r.assertNotBlocked(LockProbe.BLOCKS_READS, ConstraintRulesProofTest.MIN_PROBES);
            assertTrue(r.migrationHeld("ExclusiveLock"), "CONCURRENTLY takes EXCLUSIVE: " + r);
        }
    }
}
