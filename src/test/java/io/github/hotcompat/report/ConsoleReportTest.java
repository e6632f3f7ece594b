package io.github.hotcompat.report;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The safety report: a verdict per pending changeset, each finding with why and rewrite, then the counts. */
class ConsoleReportTest {

    @Test
    void safetyReportGivesVerdictsFindingsAndClosingTable() throws Exception {
        AnalysisResult r = FixtureRunner.analyze(Path.of("src/test/resources/reports/changelog.xml"));
        List<String> lines = new ArrayList<>();
        ConsoleReport.safetyReport(r, new ReportLog() {
            public void error(String line) { lines.add("E " + line); }
            public void warn(String line) { lines.add("W " + line); }
            public void info(String line) { lines.add("I " + line); }
        });
        String out = String.join("\n", lines);
        assertTrue(out.contains("I changeSet '2' by ana (changelog.xml:10): blocked by an error"), out);
        assertTrue(out.contains("I changeSet '3' by bo (changelog.xml:15): safe"), out);
        assertTrue(out.contains("I changeSet '4' by bo (changelog.xml:20): needs a split deploy"), out);
        assertTrue(out.contains("E     why: A plain CREATE INDEX"), out);
        assertTrue(out.contains("E             <sql>CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email)</sql>"), out);
        assertTrue(out.contains("I already deployed changesets:\nE changelog.xml:[6] deployed-changeset-modified: "), out);
        assertTrue(out.contains("suppressed index-not-concurrent"), out);
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("I rule\\s+severity\\s+findings\\s+suppressed").matcher(out);
        assertTrue(header.find() && header.start() > out.indexOf("already deployed changesets"), out);
        String table = out.substring(header.start());
        assertTrue(table.matches("(?s).*I index-not-concurrent\\s+error\\s+1\\s+1\n.*"), table);
        assertTrue(table.matches("(?s).*I deployed-changeset-modified\\s+error\\s+1\\s+0\n.*"), table);
        assertTrue(table.matches("(?s).*I unused-suppression\\s+warning\\s+1\\s+0(\n.*)?"), table);
    }
}
