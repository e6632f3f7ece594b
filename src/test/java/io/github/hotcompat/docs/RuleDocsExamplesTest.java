package io.github.hotcompat.docs;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples on the rule pages are what the plugin prints, so they cannot drift from it. A page
 * marks a fenced block with {@code <!-- example: <fixture> changeSet=<id> part=original|plan -->}
 * on the line before it: {@code original} is the changeset as written in the fixture (its
 * {@code expect:}/{@code fixture:} marker lines left out), {@code plan} the rewrite the plugin renders
 * for it (the one plan of the changeset). Run with {@code -Dhotcompat.updateDocs=true} (or
 * {@code HOTCOMPAT_UPDATE_DOCS=true}) to write the blocks from the current renderer instead of checking them.
 */
class RuleDocsExamplesTest {
    private static final Path DOCS = Path.of("docs/rules");
    private static final Path FIXTURES = Path.of("src/test/resources");
    private static final Pattern MARKER = Pattern.compile(
            "<!-- example: (\\S+) changeSet=(\\S+) part=(original|plan) -->\\n```(\\w*)\\n(.*?)\\n```", Pattern.DOTALL);

    private static boolean updating() {
        return Boolean.getBoolean("hotcompat.updateDocs") || "true".equals(System.getenv("HOTCOMPAT_UPDATE_DOCS"));
    }

    @Test
    void everyExampleIsWhatThePluginPrints() throws IOException {
        List<String> drifted = new ArrayList<>();
        int examples = 0;
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String md = Files.readString(page, StandardCharsets.UTF_8);
                Matcher m = MARKER.matcher(md);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    examples++;
                    String expected = example(FIXTURES.resolve(m.group(1)), m.group(2), m.group(3));
                    if (!expected.equals(m.group(5))) drifted.add(page.getFileName() + ": " + m.group(1) + " " + m.group(2) + " " + m.group(3));
                    m.appendReplacement(out, Matcher.quoteReplacement("<!-- example: " + m.group(1) + " changeSet=" + m.group(2)
                            + " part=" + m.group(3) + " -->\n```" + m.group(4) + "\n" + expected + "\n```"));
                }
                m.appendTail(out);
                if (updating() && !out.toString().equals(md)) Files.writeString(page, out.toString(), StandardCharsets.UTF_8);
            }
        }
        assertTrue(examples >= 20, "the rule pages mark their examples (" + examples + " found)");
        if (!updating()) {
            assertEquals(List.of(), drifted, "docs examples differ from what the plugin prints; run "
                    + "mvn test -Dtest=RuleDocsExamplesTest -Dhotcompat.updateDocs=true and review the diff");
        }
    }

    /** The changeset's text in the fixture, or the plan the plugin prints for it. */
    static String example(Path fixture, String changeSetId, String part) throws IOException {
        AnalysisResult r = FixtureRunner.analyze(fixture);
        var cs = r.changeSets().stream().filter(c -> c.id().equals(changeSetId)).findFirst()
                .orElseThrow(() -> new AssertionError(fixture + " has no changeset " + changeSetId));
        if (part.equals("original")) return original(fixture, cs.line());
        List<Finding> findings = r.findings().stream()
                .filter(f -> changeSetId.equals(f.changeSetId()) && !f.suppressed()).toList();
        assertFalse(findings.isEmpty(), fixture + " changeset " + changeSetId + " has no finding to show a plan for");
        return findings.get(0).rewrite();
    }

    /** From the changeset's first line to its end (XML end tag, or the line before the next formatted-SQL changeset). */
    private static String original(Path fixture, int line) throws IOException {
        List<String> lines = Files.readAllLines(fixture, StandardCharsets.UTF_8);
        boolean sql = fixture.toString().endsWith(".sql");
        List<String> out = new ArrayList<>();
        int indent = -1;
        for (int i = line - 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (sql && i > line - 1 && l.startsWith("--changeset")) break;
            if (indent < 0) indent = l.length() - l.stripLeading().length();
            if (!l.contains("expect:") && !l.contains("expect-suppressed:") && !l.contains("fixture:")) {
                out.add(l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l.strip());
            }
            if (!sql && l.contains("</changeSet>")) break;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
        return String.join("\n", out);
    }
}
