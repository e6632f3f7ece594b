package io.github.hotcompat.fix;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fix must never write: files outside the project, and it says so instead. */
class FixBoundariesTest {
    private static final String CHANGELOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
            + "    <changeSet id=\"1\" author=\"ana\">\n"
            + "        <createIndex tableName=\"users\" indexName=\"idx_users_email\"><column name=\"email\"/></createIndex>\n"
            + "    </changeSet>\n"
            + "</databaseChangeLog>\n";

    @Test
    void aChangelogOutsideTheProjectIsLeftAloneAndNamed(@TempDir Path tmp) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path shared = Files.createDirectories(tmp.resolve("shared-changelogs"));
        Files.writeString(shared.resolve("changelog.xml"), CHANGELOG);
        AnalysisResult result = new Analyzer().analyze(new AnalysisConfig(project, List.of(shared), "changelog.xml",
                getClass().getClassLoader(), Target.postgres(), Map.of(), Baseline.empty()));
        assertTrue(!result.findings().isEmpty());

        FixResult fixed = new ChangeLogFixer(project, project.resolve("target")).fix(result);

        assertEquals(CHANGELOG, Files.readString(shared.resolve("changelog.xml")), "the file outside the project is untouched");
        assertEquals(List.of(), fixed.edited());
        assertEquals(1, fixed.leftAlone().size());
        assertTrue(fixed.leftAlone().get(0).reason().contains("outside the project base directory"), fixed.leftAlone().toString());

        List<String> lines = new ArrayList<>();
        FixConsole.print(fixed, new io.github.hotcompat.report.ReportLog() {
            public void error(String line) { lines.add("E " + line); }
            public void warn(String line) { lines.add("W " + line); }
            public void info(String line) { lines.add("I " + line); }
        });
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("W hotcompat:fix: ") && l.contains("changeSet '1' by ana left in place: its file ")
                && l.contains("is outside the project base directory")), lines.toString());
        assertEquals("I hotcompat:fix: 0 changeset(s) replaced in 0 file(s); 0 multi-release plan(s) written; 1 left in place.",
                lines.get(lines.size() - 1));
    }

    @Test
    void aProjectWithoutFindingsIsNotTouched(@TempDir Path project) throws Exception {
        String clean = CHANGELOG.replace("<createIndex tableName=\"users\" indexName=\"idx_users_email\"><column name=\"email\"/></createIndex>",
                "<createTable tableName=\"t\"><column name=\"id\" type=\"bigint\"/></createTable>");
        Files.writeString(project.resolve("changelog.xml"), clean);
        AnalysisResult result = new Analyzer().analyze(new AnalysisConfig(project, List.of(project), "changelog.xml",
                getClass().getClassLoader(), Target.postgres(), Map.of(), Baseline.empty()));
        FixResult fixed = new ChangeLogFixer(project, project.resolve("target")).fix(result);
        assertTrue(fixed.nothingToDo());
        assertEquals(clean, Files.readString(project.resolve("changelog.xml")));
        assertTrue(!Files.exists(project.resolve("target")), "nothing written under target/ either");
    }
}
