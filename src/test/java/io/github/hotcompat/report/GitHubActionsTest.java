package io.github.hotcompat.report;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitHubActionsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/reports/changelog.xml");

    @Test
    void activeOnlyUnderGitHubActions() {
        assertTrue(new GitHubActions(Map.of("GITHUB_ACTIONS", "true")).active());
        assertFalse(new GitHubActions(Map.of()).active());
        assertFalse(new GitHubActions(Map.of("GITHUB_ACTIONS", "false")).active());
    }

    @Test
    void escapesAsGitHubsToolkitDoes() {
        assertEquals("50%25 done%0D%0Anext", GitHubActions.escapeData("50% done\r\nnext"));
        assertEquals("a%3Ab%2Cc%25%0A", GitHubActions.escapeProperty("a:b,c%\n"));
    }

    @Test
    void oneAnnotationPerUnsuppressedFindingOnItsFileAndLine() throws Exception {
        AnalysisResult r = FixtureRunner.analyze(FIXTURE);
        List<String> lines = new GitHubActions(Map.of("GITHUB_ACTIONS", "true")).annotations(r, FIXTURE.getParent());
        assertEquals(r.findings().stream().filter(f -> !f.suppressed()).count(), lines.size());
        assertTrue(lines.contains(lines.stream().filter(l -> l.startsWith(
                "::error file=changelog.xml,line=10,title=hotcompat index-not-concurrent::")).findFirst().orElse("missing")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=changelog.xml,line=20,title=hotcompat unused-suppression::")),
                lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("\n") || l.contains("\r")), "one line per command");
    }

    @Test
    void pathsAreRelativeToTheWorkspaceInAModule(@TempDir Path ws) throws Exception {
        AnalysisResult r = FixtureRunner.analyze(FIXTURE);
        List<String> lines = new GitHubActions(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", ws.toString()))
                .annotations(r, ws.resolve("services/billing"));
        assertTrue(lines.get(0).contains("file=services/billing/changelog.xml,"), lines.get(0));
    }

    @Test
    void theSummaryIsAppended(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        GitHubActions github = new GitHubActions(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));
        assertEquals(summary, github.appendSummary("## hotcompat: safe to deploy\n"));
        assertEquals("earlier step\n## hotcompat: safe to deploy\n", Files.readString(summary));
        assertNull(new GitHubActions(Map.of("GITHUB_ACTIONS", "true")).appendSummary("x"));
    }
}
