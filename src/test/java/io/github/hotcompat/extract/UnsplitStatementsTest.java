package io.github.hotcompat.extract;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.proof.Changelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A changeset with splitStatements="false" reaches PostgreSQL in one piece, which PostgreSQL splits
 * itself: a DO block's inner semicolons (DECLARE a bigint; ...) do not end it. The plugin's own
 * batched backfills are such blocks, so it must read them back without "not analysed".
 */
class UnsplitStatementsTest {
    @Test
    void semicolonsInsideDollarQuotesStringsAndCommentsDoNotSplit() {
        assertEquals(List.of("DO $$\nDECLARE\n  a bigint;\nBEGIN\n  UPDATE t SET x = 1;\nEND $$", "SELECT 'a;b'",
                        "SELECT \"x;y\" FROM t -- c;d\n"
                                .strip(), "DO $body$ BEGIN PERFORM 1; END $body$"),
                SqlTokens.statements("DO $$\nDECLARE\n  a bigint;\nBEGIN\n  UPDATE t SET x = 1;\nEND $$;\n"
                        + "SELECT 'a;b'; SELECT \"x;y\" FROM t -- c;d\n; /* ; */ ; DO $body$ BEGIN PERFORM 1; END $body$"));
        assertEquals(List.of(), SqlTokens.statements("  ;; -- only a comment\n"));
    }

    @Test
    void thePluginReadsItsOwnBatchedBackfill(@TempDir Path dir) throws Exception {
        Finding backfill = analyze(dir.resolve("original"), """
                <changeSet id="1" author="a">
                  <update tableName="users"><column name="note" value="x"/></update>
                </changeSet>
                """).findings().stream().filter(f -> f.ruleId().equals("unbatched-backfill")).findFirst().orElseThrow();
        String rewritten = backfill.plan().deploys().stream().flatMap(d -> d.changeSets().stream())
                .map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).collect(Collectors.joining("\n"));
        assertTrue(rewritten.contains("DECLARE"), rewritten);
        AnalysisResult again = analyze(dir.resolve("rewritten"), rewritten);
        List<Finding> notAnalyzed = again.findings().stream().filter(f -> f.ruleId().equals("sql-not-analyzed")).toList();
        assertEquals(List.of(), notAnalyzed, rewritten);
    }

    private static AnalysisResult analyze(Path dir, String changeSets) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("changelog.xml"), Changelog.xml(changeSets));
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                UnsplitStatementsTest.class.getClassLoader(), Target.postgres(), Map.of(), Baseline.empty()));
    }
}
