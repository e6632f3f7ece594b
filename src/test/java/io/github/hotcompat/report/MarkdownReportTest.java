package io.github.hotcompat.report;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report.md} against a golden file. After an intended change of the format, regenerate it
 * with {@code -Dhotcompat.updateGolden=true} and review the diff.
 */
class MarkdownReportTest {
    private static final Path DIR = Path.of("src/test/resources/reports");

    @Test
    void matchesTheGoldenFile() throws Exception {
        AnalysisResult result = FixtureRunner.analyze(DIR.resolve("changelog.xml"));
        String actual = MarkdownReport.render(result);
        Path golden = DIR.resolve("expected-report.md");
        if (Boolean.getBoolean("hotcompat.updateGolden")) Files.writeString(golden, actual, StandardCharsets.UTF_8);
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
    }

    @Test
    void aSqlChangelogGetsItsRewriteInASqlBlock() throws Exception {
        String md = MarkdownReport.render(FixtureRunner.analyze(DIR.resolve("changelog.sql")));
        assertTrue(md.contains("   ```sql\n   --changeset ana:1-concurrently runInTransaction:false\n"), md);
        assertTrue(md.contains("| [`index-not-concurrent`]("), md);
    }
}
