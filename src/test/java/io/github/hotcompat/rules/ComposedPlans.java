package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.proof.Changelog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What must hold of the one plan of a changeset with several findings of the constraint and index
 * rules: every finding carries it, it leaves no plain blocking statement that those rules flag, it
 * writes each statement once, and each deploy, linted with the earlier ones deployed, has no finding.
 */
public final class ComposedPlans {
    /** Statements the constraint and index rules flag, as they would appear in a plan. */
    private static final List<Pattern> BLOCKING = List.of(
            Pattern.compile("(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?!CONCURRENTLY\\b).*"),
            Pattern.compile("(?is)^\\s*DROP\\s+INDEX\\s+(?!CONCURRENTLY\\b).*"),
            Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s.*\\bADD\\s+CONSTRAINT\\s+\\S+\\s+(FOREIGN\\s+KEY|CHECK)\\b(?!.*\\bNOT\\s+VALID\\s*$).*"),
            Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s.*\\bADD\\s+CONSTRAINT\\s+\\S+\\s+(UNIQUE|PRIMARY\\s+KEY)\\b(?!\\s+USING\\s+INDEX\\b).*"),
            Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s.*\\bADD\\s+COLUMN\\s.*\\b(REFERENCES|UNIQUE|PRIMARY\\s+KEY)\\b.*"));

    private ComposedPlans() {
    }

    /** The findings of changeset {@code id}, which must include one of each of {@code rules}. */
    public static List<Finding> findings(AnalysisResult result, String id, String... rules) {
        List<Finding> found = result.findings().stream().filter(f -> id.equals(f.changeSetId())).toList();
        for (String rule : rules) {
            assertTrue(found.stream().anyMatch(f -> f.ruleId().equals(rule)), "no " + rule + " on changeset " + id + ": " + found);
        }
        return found;
    }

    /** All findings carry one identical, non-empty plan; returns it after checking its statements. */
    public static Plan assertOneCompletePlan(List<Finding> findings) {
        assertTrue(findings.size() >= 2, "a composed plan needs two findings: " + findings);
        Plan plan = findings.get(0).plan();
        for (Finding f : findings) assertEquals(plan, f.plan(), f.ruleId() + " carries another plan");
        assertFalse(plan.deploys().isEmpty(), "the plan ships nothing");
        Set<String> ids = new HashSet<>();
        Set<String> statements = new HashSet<>();
        for (Plan.Deploy d : plan.deploys()) {
            for (Plan.PlanChangeSet cs : d.changeSets()) {
                assertTrue(ids.add(cs.id() + "::" + cs.author()), "two changesets with id " + cs.id());
                for (String s : cs.statements()) {
                    for (Pattern p : BLOCKING) assertFalse(p.matcher(s).matches(), "plain blocking statement left: " + s);
                    if (!s.matches("(?is)(SET (LOCAL )?|RESET )lock_timeout.*")) assertTrue(statements.add(s), "written twice: " + s);
                }
            }
        }
        return plan;
    }

    /**
     * Lints deploy N of {@code plan} with deploys 1..N-1 deployed (as they would be in production):
     * no finding at all, of any severity. Tables the plan does not create are taken as existing.
     */
    public static void assertDeploysLintWithNoFinding(Plan plan) throws IOException {
        List<String> deployed = new ArrayList<>();
        StringBuilder changeSets = new StringBuilder();
        int n = 0;
        for (Plan.Deploy deploy : plan.deploys()) {
            n++;
            if (deploy.changeSets().isEmpty()) continue;
            for (Plan.PlanChangeSet cs : deploy.changeSets()) {
                changeSets.append(PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).append('\n');
            }
            String changelog = Changelog.xml(changeSets.toString());
            Path dir = Files.createTempDirectory("hotcompat-composed-lint");
            Files.writeString(dir.resolve("changelog.xml"), changelog);
            AnalysisResult result = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                    ComposedPlans.class.getClassLoader(), Target.postgres(), Map.of(), Baseline.of(deployed)));
            List<Finding> found = result.findings().stream().filter(f -> !f.suppressed()).toList();
            assertTrue(found.isEmpty(), "deploy " + n + " of the plan is itself flagged: " + found + "\n" + changelog);
            for (Plan.PlanChangeSet cs : deploy.changeSets()) deployed.add("changelog.xml::" + cs.id() + "::" + cs.author());
        }
    }
}
