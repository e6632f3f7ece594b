package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Severity decided per finding (table size, version), and the {@code <rules>} override winning over it.
 * The fixtures only count findings; this checks what each finding says.
 */
class ColumnRuleSeverityTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static Map<String, Severity> severities(String fixture, String ruleId) throws IOException {
        AnalysisResult r = FixtureRunner.analyze(FIXTURES.resolve(fixture));
        return r.findings().stream().filter(f -> f.ruleId().equals(ruleId) && !f.suppressed())
                .collect(Collectors.toMap(Finding::changeSetId, Finding::severity, (a, b) -> a, TreeMap::new));
    }

    private static Finding finding(String fixture, String ruleId, String changeSetId) throws IOException {
        return FixtureRunner.analyze(FIXTURES.resolve(fixture)).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId) && f.changeSetId().equals(changeSetId)).findFirst().orElseThrow();
    }

    @Test
    void addColumnDefaultIsAnErrorOnLargeTablesAndAWarningWhenTheSizeIsUnknown() throws IOException {
        assertEquals(Map.of("2", Severity.ERROR, "3", Severity.ERROR, "6", Severity.ERROR, "9", Severity.WARNING,
                "10", Severity.ERROR), severities("add-column-default/changes.xml", "add-column-default"));
        assertEquals(Map.of("2", Severity.ERROR), severities("add-column-default/pg10.sql", "add-column-default"));
    }

    @Test
    void addColumnDefaultOnInnoDbIsAnErrorOnlyWhenTheCopyBlocksWrites() throws IOException {
        // a rebuild INPLACE lets writes go on: a warning on a large table; a COPY blocks them: an error
        assertEquals(Map.of("2", Severity.WARNING, "3", Severity.WARNING),
                severities("add-column-default/mysql57.sql", "add-column-default"));
        assertEquals(Map.of("3", Severity.WARNING, "4", Severity.WARNING),
                severities("add-column-default/mariadb1032.sql", "add-column-default"));
        assertEquals(Map.of("2", Severity.ERROR, "3", Severity.ERROR, "5", Severity.ERROR, "10", Severity.ERROR, "11", Severity.ERROR),
                severities("add-column-default/mariadb1011-expressions.sql", "add-column-default"));
        assertEquals(Map.of("2", Severity.WARNING, "4", Severity.WARNING, "5", Severity.ERROR),
                severities("add-column-default/mysql-liquibase.xml", "add-column-default"));
        Finding rebuild = finding("add-column-default/mysql8028.sql", "add-column-default", "3");
        assertEquals("ADD COLUMN region DEFAULT 'eu' on existing table orders (FIRST): not INSTANT on MySQL 8.0.28",
                rebuild.message());
        assertTrue(rebuild.why().contains("although writes go on"), rebuild.why());
        // Liquibase's afterColumn / position are the column's place, as in SQL
        assertTrue(finding("add-column-default/mysql-liquibase.xml", "add-column-default", "2").message().contains("(AFTER id)"));
        assertTrue(finding("add-column-default/mysql-liquibase.xml", "add-column-default", "4").message().contains("(FIRST)"));
        Finding copy = finding("add-column-default/mariadb1011-expressions.sql", "add-column-default", "2");
        assertTrue(copy.why().contains("waits for the whole copy"), copy.why());
    }

    @Test
    void addColumnDefaultStatesTheConditionWhenTheVersionIsUnset() throws IOException {
        assertEquals(Map.of("2", Severity.WARNING, "4", Severity.ERROR),
                severities("add-column-default/unversioned.yaml", "add-column-default"));
        Finding conditional = finding("add-column-default/unversioned.yaml", "add-column-default", "2");
        assertTrue(conditional.message().endsWith("safe on PostgreSQL 11+ when the default is not volatile; set databaseVersion"),
                conditional.message());
        assertTrue(conditional.why().contains("before 11 it rewrites the whole table. Set databaseVersion"), conditional.why());
    }

    @Test
    void findingsSayWhyAndHowToTellTheSize() throws IOException {
        Finding unknownFunction = finding("add-column-default/changes.xml", "add-column-default", "6");
        assertTrue(unknownFunction.why().contains("make_ref() is not a function hotcompat knows"), unknownFunction.why());
        Finding unknownSize = finding("add-column-default/changes.xml", "add-column-default", "9");
        assertTrue(unknownSize.why().contains("size of legacy_accounts is unknown")
                && unknownSize.why().contains("<tables>") && unknownSize.why().contains("tableStatsFile"), unknownSize.why());
        Finding oldType = finding("change-column-type/changes.xml", "change-column-type", "7");
        assertTrue(oldType.why().contains("old type of legacy_orders.total is unknown"), oldType.why());
        Finding underLock = finding("set-not-null/changes.xml", "set-not-null", "3");
        assertTrue(underLock.why().contains("UPDATE users SET status = 'active' WHERE status IS NULL' in the same transaction"), underLock.why());
    }

    @Test
    void setNotNullIsAWarningOnKnownSmallTablesOrWhenOnlyTheVersionDecides() throws IOException {
        assertEquals(Map.of("2", Severity.ERROR, "3", Severity.ERROR, "4", Severity.ERROR, "5", Severity.WARNING),
                severities("set-not-null/changes.xml", "set-not-null"));
        assertEquals(Map.of("1", Severity.ERROR, "3", Severity.WARNING),
                severities("set-not-null/unversioned.yaml", "set-not-null"));
    }

    @Test
    void aConfiguredSeverityWinsOverTheOneTheRuleReports(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql
                --changeset ana:1
                ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
                """);
        Target unknownSize = new Target("postgresql", 16, 100_000, Map.of(), false);
        assertEquals(List.of(Severity.WARNING), severities(dir, unknownSize, Map.of()));
        assertEquals(List.of(Severity.ERROR), severities(dir, unknownSize, Map.of("add-column-default", "error")));
        assertEquals(List.of(Severity.INFO), severities(dir, unknownSize, Map.of("add-column-default", "info")));
        assertEquals(List.of(), severities(dir, unknownSize, Map.of("add-column-default", "off")));
        Target large = new Target("postgresql", 16, 100_000, Map.of("accounts", 5_000_000L), false);
        assertEquals(List.of(Severity.ERROR), severities(dir, large, Map.of()));
        assertEquals(List.of(Severity.WARNING), severities(dir, large, Map.of("add-column-default", "warning")));
    }

    private static List<Severity> severities(Path dir, Target target, Map<String, String> overrides) {
        AnalysisResult r = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.sql",
                ColumnRuleSeverityTest.class.getClassLoader(), target, overrides, Baseline.empty()));
        return r.findings().stream().filter(f -> f.ruleId().equals("add-column-default")).map(Finding::severity).toList();
    }
}
