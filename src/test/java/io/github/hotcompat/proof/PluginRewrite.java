package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the plugin's own analysis in a proof, so what is applied to PostgreSQL is the rewrite the
 * finding really carries, not a hand-written copy that could drift from it.
 */
public final class PluginRewrite {
    private PluginRewrite() {
    }

    /** Analyses an XML changelog text as the plugin would; every changeset pending, tables it does not create exist. */
    public static AnalysisResult analyze(String changelogXml, Target target) throws IOException {
        Path dir = Files.createTempDirectory("hotcompat-proof-lint");
        Files.writeString(dir.resolve("changelog.xml"), changelogXml);
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                PluginRewrite.class.getClassLoader(), target, Map.of(), Baseline.empty()));
    }

    /** The one finding of {@code ruleId} the plugin reports on the changelog. */
    public static Finding finding(String changelogXml, String ruleId, Target target) throws IOException {
        List<Finding> found = analyze(changelogXml, target).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, found.size(), "expected exactly one " + ruleId + " finding, got " + found);
        return found.get(0);
    }

    public static Finding finding(String changelogXml, String ruleId) throws IOException {
        return finding(changelogXml, ruleId, Target.postgres());
    }

    /** One XML changelog per deploy of the finding's rewrite, in order (deploys with no changeset are skipped). */
    public static List<String> deployChangelogs(Finding finding) {
        List<String> out = new ArrayList<>();
        for (Plan.Deploy deploy : finding.plan().deploys()) {
            if (deploy.changeSets().isEmpty()) continue;
            out.add(Changelog.xml(deploy.changeSets().stream()
                    .map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML))
                    .collect(Collectors.joining("\n"))));
        }
        assertTrue(!out.isEmpty(), "the rewrite of " + finding.ruleId() + " has no changeset to apply");
        return out;
    }

    /** One changeset of a rewrite as its own XML changelog, with the (1-based) deploy it belongs to. */
    public record Step(int deploy, String changeSetId, boolean runInTransaction, String changelog) {
    }

    /**
     * Every changeset of the finding's rewrite, in order, each as its own changelog: a proof applies the
     * brief catalog-only steps as they are and probes the long-running ones (backfills, validations).
     */
    public static List<Step> steps(Finding finding) {
        List<Step> out = new ArrayList<>();
        List<Plan.Deploy> deploys = finding.plan().deploys();
        for (int d = 0; d < deploys.size(); d++) {
            for (Plan.PlanChangeSet cs : deploys.get(d).changeSets()) {
                out.add(new Step(d + 1, cs.id(), cs.runInTransaction(),
                        Changelog.xml(PlanRenderer.changeSet(cs, ChangeLogFormat.XML))));
            }
        }
        assertTrue(!out.isEmpty(), "the rewrite of " + finding.ruleId() + " has no changeset to apply");
        return out;
    }

    /**
     * A rewrite that its own linter rejects is a bug: lint deploy N with deploys 1..N-1 already
     * deployed (as they would be in production), expect no error.
     */
    public static void assertRewriteLintsClean(Finding finding, Target target) throws IOException {
        List<String> deployedKeys = new ArrayList<>();
        StringBuilder changeSets = new StringBuilder();
        for (Plan.Deploy deploy : finding.plan().deploys()) {
            if (deploy.changeSets().isEmpty()) continue;
            for (Plan.PlanChangeSet cs : deploy.changeSets()) {
                changeSets.append(PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).append('\n');
            }
            String changelog = Changelog.xml(changeSets.toString());
            Path dir = Files.createTempDirectory("hotcompat-proof-lint");
            Files.writeString(dir.resolve("changelog.xml"), changelog);
            AnalysisResult result = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                    PluginRewrite.class.getClassLoader(), target, Map.of(), Baseline.of(deployedKeys)));
            List<Finding> errors = result.findings().stream()
                    .filter(f -> !f.suppressed() && f.severity() == Severity.ERROR).toList();
            assertTrue(errors.isEmpty(), "the rewrite of " + finding.ruleId() + " is itself flagged: " + errors
                    + "\n" + changelog);
            for (Plan.PlanChangeSet cs : deploy.changeSets()) {
                deployedKeys.add("changelog.xml::" + cs.id() + "::" + cs.author());
            }
        }
    }
}
