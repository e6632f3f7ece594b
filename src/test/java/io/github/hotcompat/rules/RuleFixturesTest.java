package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture under {@code src/test/resources/fixtures/<rule-id>/}: the findings of that rule must
 * be exactly the {@code expect:} comments, changeset by changeset. Each rule's fixtures must both
 * flag something and leave some pending changeset unflagged.
 */
class RuleFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String ruleId = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(RuleFixturesTest::isChangelog).sorted().toList()) {
                        tests.add(DynamicTest.dynamicTest(ruleId + "/" + f.getFileName(), () -> check(ruleId, f)));
                    }
                }
            }
        }
        return tests.stream();
    }

    static boolean isChangelog(Path f) {
        String n = f.getFileName().toString();
        return !n.startsWith("_") && (n.endsWith(".xml") || n.endsWith(".yaml") || n.endsWith(".yml")
                || n.endsWith(".json") || n.endsWith(".sql"));
    }

    private static void check(String ruleId, Path fixture) throws IOException {
        assertTrue(RuleCatalog.byId(ruleId).isPresent(), "fixture folder names no catalog rule: " + ruleId);
        AnalysisResult result = FixtureRunner.analyze(fixture);
        Map<String, Integer> expected = FixtureRunner.expected(result, ruleId);
        Map<String, Integer> expectedSuppressed = FixtureRunner.expectedSuppressed(result, ruleId);
        Map<String, Integer> actual = new HashMap<>();
        Map<String, Integer> actualSuppressed = new HashMap<>();
        List<String> described = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (!f.ruleId().equals(ruleId)) continue;
            (f.suppressed() ? actualSuppressed : actual).merge(
                    FixtureRunner.key(f.changeSetId(), f.changeSetAuthor(), f.line()), 1, Integer::sum);
            described.add(f.file() + ":" + f.line() + " " + f.message());
            assertFalse(f.message() == null || f.message().isBlank(), "finding without message");
            assertFalse(f.why() == null || f.why().isBlank(), "finding without why");
            assertTrue(f.line() > 1 || fixture.toString().endsWith(".sql"), "finding without a real line: " + f);
        }
        assertEquals(expected, actual, "findings of " + ruleId + " in " + fixture + ": " + described);
        assertEquals(expectedSuppressed, actualSuppressed, "suppressed findings of " + ruleId + " in " + fixture);
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFlagsAndPasses() {
        // traced-blocking-ddl needs a database, not a changelog: TracedBlockingDdlTest and src/it/trace-* prove it
        return RuleCatalog.all().stream().filter(rule -> !rule.id().equals("traced-blocking-ddl"))
                .map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Path dir = FIXTURES.resolve(rule.id());
            assertTrue(Files.isDirectory(dir), "no fixtures for " + rule.id() + " in " + dir);
            int flagged = 0;
            int clean = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(RuleFixturesTest::isChangelog).toList()) {
                    AnalysisResult r = FixtureRunner.analyze(f);
                    Map<String, Integer> expected = FixtureRunner.expected(r, rule.id());
                    flagged += expected.size();
                    clean += (int) r.pending().stream()
                            .filter(p -> !expected.containsKey(FixtureRunner.key(p.changeSet().id(), p.changeSet().author(),
                                    p.changeSet().line())))
                            .count();
                }
            }
            assertTrue(flagged > 0, rule.id() + ": no fixture changeset that it must flag");
            assertTrue(clean > 0, rule.id() + ": no fixture changeset that it must not flag");
        }));
    }
}
