package io.github.hotcompat.fix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.ChangeLogLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hotcompat:fix} as input/output pairs, as Error Prone's fix tests: each directory of
 * {@code src/test/resources/fix/} holds {@code before.<ext>} (the changelog as the author wrote it)
 * and {@code after.<ext>} (the file as the fix must leave it, byte for byte), optionally a
 * {@code baseline.txt} ({@code changelog.<ext>::id::author} per line: deployed changesets) and a
 * {@code case.properties} ({@code databaseVersion=16}). Tables the
 * changelog does not create exist. After the fix, the changesets it wrote must lint clean, and each
 * multi-release plan file must be a changelog Liquibase reads.
 */
class FixCasesTest {
    private static final Path CASES = Path.of("src/test/resources/fix");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixGivesTheExpectedFileAndLintsClean(String name, @TempDir Path project) throws IOException {
        Path dir = CASES.resolve(name);
        Path before = only(dir, "before.");
        String ext = before.getFileName().toString().substring("before.".length());
        String changelog = "changelog." + ext;
        Files.copy(before, project.resolve(changelog));
        Baseline baseline = Files.isRegularFile(dir.resolve("baseline.txt"))
                ? Baseline.read(dir.resolve("baseline.txt"), "baseline.txt") : Baseline.empty();

        Target target = target(dir);
        AnalysisResult found = analyze(project, changelog, baseline, target);
        FixResult fixed = new ChangeLogFixer(project, project.resolve("target")).fix(found);

        String actual = Files.readString(project.resolve(changelog), StandardCharsets.UTF_8);
        // HOTCOMPAT_UPDATE_FIX=true writes the fix's output as the expected file, for review in the diff
        if ("true".equals(System.getenv("HOTCOMPAT_UPDATE_FIX"))) Files.writeString(dir.resolve("after." + ext), actual, StandardCharsets.UTF_8);
        String expected = Files.readString(dir.resolve("after." + ext), StandardCharsets.UTF_8);
        assertEquals(expected, actual, "the fixed " + name + "/" + changelog);

        // the changesets the fix wrote carry no finding any more
        Set<String> written = fixed.edited().stream().flatMap(f -> f.replacements().stream())
                .flatMap(r -> r.byIds().stream()).collect(Collectors.toSet());
        AnalysisResult again = analyze(project, changelog, baseline, target);
        List<Finding> left = again.findings().stream()
                .filter(f -> !f.suppressed() && written.contains(f.changeSetId())).toList();
        assertEquals(List.of(), left, "findings on the changesets hotcompat:fix wrote in " + name);
        // and what it replaced is gone
        Set<String> replaced = fixed.edited().stream().flatMap(f -> f.replacements().stream())
                .map(FixResult.Replacement::changeSetId).collect(Collectors.toSet());
        assertTrue(again.changeSets().stream().noneMatch(cs -> replaced.contains(cs.id())), "replaced changesets remain");

        for (FixResult.WrittenPlan plan : fixed.plans()) {
            Path file = project.resolve(plan.planFile());
            assertTrue(Files.isRegularFile(file), plan.planFile());
            assertTrue(plan.planFile().startsWith("target/hotcompat/plans/"), plan.planFile());
            Path plans = file.getParent();
            List<String> ids;
            if (ChangeLogFormat.ofPath(plan.planFile()) == ChangeLogFormat.JSON) {
                // JSON has no comments: the plan file is JSONC, read here by Jackson with comments allowed
                JsonNode root = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS).readTree(file.toFile());
                ids = new java.util.ArrayList<>();
                for (JsonNode item : root.get("databaseChangeLog")) ids.add(item.get("changeSet").get("id").asText());
            } else {
                ids = new ChangeLogLoader(plans, List.of(plans), getClass().getClassLoader(), "postgresql")
                        .load(file.getFileName().toString()).stream().map(cs -> cs.id()).toList();
            }
            List<String> planned = plan.plan().deploys().stream().flatMap(d -> d.changeSets().stream())
                    .map(cs -> cs.id()).toList();
            assertEquals(planned, ids, "the plan file " + plan.planFile() + " as Liquibase reads it");
        }
        assertFalse(fixed.edited().isEmpty() && fixed.plans().isEmpty() && fixed.leftAlone().isEmpty(),
                "a case must exercise the fix");
    }

    static AnalysisResult analyze(Path project, String changelog, Baseline baseline, Target target) {
        return new Analyzer().analyze(new AnalysisConfig(project, List.of(project), changelog,
                FixCasesTest.class.getClassLoader(), target, Map.of(), baseline));
    }

    private static Target target(Path dir) throws IOException {
        Path file = dir.resolve("case.properties");
        if (!Files.isRegularFile(file)) return Target.postgres();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String version = p.getProperty("databaseVersion");
        Target base = Target.postgres();
        return new Target(base.database(), version == null ? null : Integer.valueOf(version.strip()),
                base.largeTableRows(), base.tableRows(), base.lockTimeoutSetByConnection());
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), dir + " holds one " + prefix + "<ext>");
            return found.get(0);
        }
    }
}
