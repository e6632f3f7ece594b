package io.github.hotcompat.analysis;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeSetSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Baseline then check on an unedited changelog passes, always, even with twins (same file, id and
 * author, one per context); an edited twin is reported, on its own line.
 */
class BaselineTwinsTest {
    static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
            """;
    /** Twins whose types differ per database; %s is the PostgreSQL twin's type. */
    static final String TWINS = HEAD + """
                <changeSet id="1" author="ana" context="mysql">
                    <createTable tableName="t"><column name="id" type="int"/><column name="c" type="varchar(10)"/></createTable>
                </changeSet>
                <changeSet id="1" author="ana" context="postgresql">
                    <createTable tableName="t"><column name="id" type="int"/><column name="c" type="%s"/></createTable>
                </changeSet>
                <changeSet id="2" author="ana" context="mysql">
                    <createIndex tableName="t" indexName="i_c"><column name="c"/></createIndex>
                </changeSet>
                <changeSet id="2" author="ana" context="postgresql">
                    <sql>CREATE INDEX i_c ON t (c)</sql>
                </changeSet>
            </databaseChangeLog>
            """;

    @TempDir
    Path dir;

    private AnalysisConfig config(Baseline baseline, ChangeSetSelection selection) {
        return new AnalysisConfig(dir, List.of(dir), "db.xml", getClass().getClassLoader(), Target.postgres(), Map.of(),
                baseline).withSelection(selection);
    }

    /** What hotcompat:baseline writes with this selection, read back as the check reads it. */
    private Baseline baselineWith(ChangeSetSelection selection) throws IOException {
        Path file = dir.resolve("baseline.txt");
        Files.writeString(file, Baseline.render(new Analyzer().loadAll(config(Baseline.empty(), selection)), selection));
        return Baseline.read(file, "baseline.txt");
    }

    private List<Finding> check(Baseline baseline, ChangeSetSelection selection) {
        AnalysisResult r = new Analyzer().analyze(config(baseline, selection));
        assertEquals(List.of(), r.pending().stream().map(p -> p.changeSet().id() + "@" + p.changeSet().line()).toList(),
                "nothing pending after a baseline");
        return r.findings();
    }

    @Test
    void baselineThenCheckPassesWithAnyContextsOnEitherSide() throws Exception {
        Files.writeString(dir.resolve("db.xml"), TWINS.formatted("text"));
        List<ChangeSetSelection> selections = List.of(ChangeSetSelection.ALL, new ChangeSetSelection("postgresql", null),
                new ChangeSetSelection("mysql", null));
        for (ChangeSetSelection written : selections) {
            Baseline baseline = baselineWith(written);
            assertEquals(4, baseline.size(), "every twin is recorded, one line each");
            for (ChangeSetSelection checked : selections) {
                assertEquals(List.of(), check(baseline, checked), "baseline " + written + ", check " + checked);
            }
        }
        List<String> lines = Files.readAllLines(dir.resolve("baseline.txt")).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("db.xml::1::ana::9:") && lines.get(1).startsWith("db.xml::1::ana::9:"));
        assertNotEquals(lines.get(0), lines.get(1), "each twin with its own checksum");
    }

    @Test
    void anEditedTwinIsReportedOnItsOwnLineWhateverTheContexts() throws Exception {
        Files.writeString(dir.resolve("db.xml"), TWINS.formatted("text"));
        Baseline baseline = baselineWith(ChangeSetSelection.ALL);
        Files.writeString(dir.resolve("db.xml"), TWINS.formatted("varchar(20)"));
        for (ChangeSetSelection checked : List.of(ChangeSetSelection.ALL, new ChangeSetSelection("postgresql", null))) {
            List<Finding> findings = check(baseline, checked);
            assertEquals(List.of("deployed-changeset-modified@8"), findings.stream().map(f -> f.ruleId() + "@" + f.line()).toList(),
                    "checked with " + checked);
        }
        assertEquals(List.of(), check(baseline, new ChangeSetSelection("mysql", null)), "the unedited twin alone passes");
    }

    @Test
    void aTwinAddedBeforeADeployedOneIsPendingAndTheDeployedOneUnchanged() throws Exception {
        Files.writeString(dir.resolve("db.xml"), HEAD + """
                    <changeSet id="1" author="ana" context="postgresql">
                        <createTable tableName="t"><column name="id" type="int"/></createTable>
                    </changeSet>
                </databaseChangeLog>
                """);
        Baseline baseline = baselineWith(ChangeSetSelection.ALL);
        Files.writeString(dir.resolve("db.xml"), HEAD + """
                    <changeSet id="1" author="ana" context="mysql">
                        <createTable tableName="t"><column name="id" type="integer"/></createTable>
                    </changeSet>
                    <changeSet id="1" author="ana" context="postgresql">
                        <createTable tableName="t"><column name="id" type="int"/></createTable>
                    </changeSet>
                </databaseChangeLog>
                """);
        AnalysisResult r = new Analyzer().analyze(config(baseline, ChangeSetSelection.ALL));
        assertEquals(List.of(5), r.pending().stream().map(p -> p.changeSet().line()).toList(), "the new (first) twin");
        assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().equals("deployed-changeset-modified")), r.findings().toString());
    }

    @Test
    void contextSpecificPropertiesAreComparedUnderTheSelectionTheBaselineWasWrittenWith() throws Exception {
        String changelog = HEAD + """
                    <property name="uuid" value="uuid()" context="mysql"/>
                    <property name="uuid" value="uuid_generate_v4()" context="postgresql"/>
                    <changeSet id="1" author="ana">
                        <createTable tableName="t"><column name="id" type="int"/><column name="k" type="varchar(50)"/></createTable>
                    </changeSet>
                    <changeSet id="2" author="ana">
                        <update tableName="t"><column name="k" valueComputed="${uuid}"/><where>%s</where></update>
                    </changeSet>
                </databaseChangeLog>
                """;
        Files.writeString(dir.resolve("db.xml"), changelog.formatted("k IS NULL"));
        ChangeSetSelection pg = new ChangeSetSelection("postgresql", null);
        for (ChangeSetSelection written : List.of(ChangeSetSelection.ALL, pg)) {
            Baseline baseline = baselineWith(written);
            assertEquals(written, baseline.selection(), "the file says what it was written under");
            for (ChangeSetSelection checked : List.of(ChangeSetSelection.ALL, pg)) {
                assertEquals(List.of(), check(baseline, checked), "baseline " + written + ", check " + checked);
            }
        }
        Baseline underPg = baselineWith(pg);
        Files.writeString(dir.resolve("db.xml"), changelog.formatted("k IS NULL AND id > 0"));
        assertEquals(List.of("deployed-changeset-modified"),
                check(underPg, ChangeSetSelection.ALL).stream().map(Finding::ruleId).toList(), "an edit is still an edit");
    }

    @Test
    void linesWithoutChecksumMarkEveryTwinOfTheKeyDeployed() throws Exception {
        Files.writeString(dir.resolve("db.xml"), TWINS.formatted("text"));
        Path file = dir.resolve("hand-written.txt");
        Files.writeString(file, "db.xml::1::ana\ndb.xml::2::ana # a comment\n");
        Baseline baseline = Baseline.read(file, "hand-written.txt");
        assertEquals(List.of(), check(baseline, ChangeSetSelection.ALL));
    }

    @Test
    void sinceWinsOverTheFileForAKeyAndKeepsItsTwinsTogether() throws Exception {
        Files.writeString(dir.resolve("db.xml"), TWINS.formatted("text"));
        Baseline fromFile = Baseline.read(writeLines("db.xml::1::ana\ndb.xml::2::ana\n"), "b.txt");
        Baseline atRevision = Baseline.ofChangeSets(new Analyzer().loadAll(config(Baseline.empty(), ChangeSetSelection.ALL)),
                "present at git revision main");
        Baseline union = fromFile.union(atRevision);
        assertEquals(4, union.size());
        Files.writeString(dir.resolve("db.xml"), TWINS.formatted("varchar(20)"));
        List<Finding> findings = check(union, ChangeSetSelection.ALL);
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().contains("present at git revision main"), findings.get(0).message());
    }

    private Path writeLines(String text) throws IOException {
        Path f = dir.resolve("b.txt");
        Files.writeString(f, text);
        return f;
    }
}
