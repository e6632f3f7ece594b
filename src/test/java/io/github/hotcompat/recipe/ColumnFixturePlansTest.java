package io.github.hotcompat.recipe;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every changeset of the column and data rules' fixtures with two or more findings: all its findings
 * carry one identical plan, in which no statement is written twice (a batched block may run again as
 * the backfill of stragglers), no plain UPDATE/DELETE survives an unbatched-backfill finding, and no
 * SET NOT NULL of a set-not-null finding ships before its check is validated.
 */
class ColumnFixturePlansTest {
    static final List<String> RULES = List.of("set-not-null", "add-column-default", "add-serial-or-generated-column",
            "change-column-type", "ddl-with-backfill", "unbatched-backfill", "add-required-column", "run-always-not-idempotent");

    @TestFactory
    Stream<DynamicTest> changesetsWithSeveralFindingsHaveOneConsistentPlan() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String rule : RULES) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures", rule))) {
                for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(rule + "/" + f.getFileName(), () -> check(f)));
                }
            }
        }
        return tests.stream();
    }

    /** The composition the checks above rely on is really there: one fixture changeset with four rules' findings. */
    @org.junit.jupiter.api.Test
    void theDdlWithBackfillFixtureHasAChangesetOfSeveralFindings() throws IOException {
        AnalysisResult result = FixtureRunner.analyze(Path.of("src/test/resources/fixtures/ddl-with-backfill/changes.xml"));
        Set<String> rules = new HashSet<>();
        result.findings().stream().filter(f -> "2".equals(f.changeSetId())).forEach(f -> rules.add(f.ruleId()));
        assertTrue(rules.containsAll(Set.of("ddl-with-backfill", "unbatched-backfill", "set-not-null")), rules.toString());
    }

    private static void check(Path fixture) throws IOException {
        AnalysisResult result = FixtureRunner.analyze(fixture);
        Map<String, List<Finding>> byChangeSet = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            if (f.changeSetId() == null) continue;
            byChangeSet.computeIfAbsent(f.file() + "::" + f.changeSetId() + "::" + f.changeSetAuthor(), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Finding>> e : byChangeSet.entrySet()) {
            List<Finding> findings = e.getValue();
            if (findings.size() < 2) continue;
            Plan plan = findings.get(0).plan();
            for (Finding f : findings) assertEquals(plan, f.plan(), e.getKey() + ": " + f.ruleId() + " carries the one plan");
            Set<String> rules = new HashSet<>();
            findings.forEach(f -> rules.add(f.ruleId()));
            String where = e.getKey() + " " + rules + "\n" + findings.get(0).rewrite();
            Set<String> seen = new HashSet<>();
            for (Plan.Deploy d : plan.deploys()) {
                for (Plan.PlanChangeSet cs : d.changeSets()) {
                    for (String s : cs.statements()) {
                        String sql = s.strip();
                        if (sql.startsWith("DO $$") || sql.matches("(?is)(SET (LOCAL |SESSION )?|RESET )(lock_timeout|lock_wait_timeout).*")) continue;
                        assertTrue(seen.add(sql), "written twice: " + sql + " in " + where);
                        if (rules.contains("unbatched-backfill")) {
                            assertFalse(sql.matches("(?is)^(UPDATE|DELETE)\\s.*"), "unbatched DML left: " + where);
                        }
                    }
                }
            }
            // a plan that adds its own CHECK (col IS NOT NULL) must validate it before SET NOT NULL; one that adds
            // none reuses a check the table already has validated (NotNullViaCheck.validatedCheck)
            boolean addsCheck = plan.deploys().stream().flatMap(d -> d.changeSets().stream())
                    .flatMap(cs -> cs.statements().stream()).anyMatch(s -> s.matches("(?is).*\\bCHECK\\s*\\(.*IS NOT NULL.*"));
            if (rules.contains("set-not-null") && !plan.deploys().isEmpty() && addsCheck) {
                for (Plan.PlanChangeSet cs : plan.deploys().get(0).changeSets()) {
                    assertFalse(cs.statements().stream().anyMatch(s -> s.matches("(?is).*\\bSET NOT NULL\\b.*")),
                            "SET NOT NULL before its check is validated: " + where);
                }
            }
        }
    }
}
