package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A changeset suppresses one finding (hotcompat:ignore, written as each format writes comments)
 * and another finding's plan rewrites it: the statement the suppression was about is kept by the
 * plan, and linted again, its finding is still suppressed, with nothing else left to report.
 */
class SuppressionTravelTest {
    private static final String IGNORE = "hotcompat:ignore drop-column -- nothing reads legacy since 1.2";

    /** A deployed table, then one changeset: an index the plan makes concurrent, a drop the user accepted. */
    private static final Map<ChangeLogFormat, String> ORIGINAL = Map.of(
            ChangeLogFormat.XML, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                        <changeSet id="1" author="ana">
                            <comment>fixture: deployed</comment>
                            <sql>CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text)</sql>
                        </changeSet>
                        <!-- hotcompat:ignore drop-column: nothing reads legacy since 1.2 -->
                        <changeSet id="2" author="ana">
                            <sql>CREATE INDEX idx_users_email ON users (email)</sql>
                            <sql>ALTER TABLE users DROP COLUMN legacy</sql>
                        </changeSet>
                    </databaseChangeLog>
                    """,
            ChangeLogFormat.YAML, """
                    databaseChangeLog:
                      - changeSet:
                          id: 1
                          author: ana
                          comment: "fixture: deployed"
                          changes:
                            - sql:
                                sql: CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text)
                      # %s
                      - changeSet:
                          id: 2
                          author: ana
                          changes:
                            - sql:
                                sql: CREATE INDEX idx_users_email ON users (email)
                            - sql:
                                sql: ALTER TABLE users DROP COLUMN legacy
                    """.formatted(IGNORE),
            ChangeLogFormat.SQL, """
                    --liquibase formatted sql

                    --changeset ana:1
                    --comment: fixture: deployed
                    CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);

                    --changeset ana:2
                    -- %s
                    CREATE INDEX idx_users_email ON users (email);
                    ALTER TABLE users DROP COLUMN legacy;
                    """.formatted(IGNORE));

    @ParameterizedTest
    @EnumSource(value = ChangeLogFormat.class, names = {"XML", "YAML", "SQL"})
    void theSuppressedFindingStaysSuppressedInThePlan(ChangeLogFormat format, @TempDir Path dir) throws Exception {
        Path changelog = dir.resolve("changes." + Changelog.extension(format));
        Files.writeString(changelog, ORIGINAL.get(format));
        AnalysisResult original = FixtureRunner.analyze(changelog);
        Finding drop = only(original.findings(), "drop-column");
        assertTrue(drop.suppressed(), "the original suppresses drop-column: " + drop);
        Finding index = only(original.findings(), "index-not-concurrent");
        Plan plan = index.plan();
        assertTrue(index.rewrite().contains("hotcompat:ignore drop-column"), index.rewrite());

        PluginRewrite.Lint lint = new PluginRewrite.Lint(format, List.of(new Plan.PlanChangeSet("1", "ana", true,
                List.of("CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text)"), List.of(), null)),
                Target.postgres(), c -> c);
        for (int d = 1; d <= plan.deploys().size(); d++) {
            if (plan.deploys().get(d - 1).changeSets().isEmpty()) continue;
            PluginRewrite.DeployLint linted = PluginRewrite.lintDeploy(plan, lint, d);
            for (Finding f : linted.findings()) {
                if (f.ruleId().equals("drop-column")) {
                    assertTrue(f.suppressed(), "deploy " + d + " lost the suppression:\n" + linted.changelog());
                }
            }
        }
        assertTrue(plan.deploys().stream().flatMap(d -> d.changeSets().stream())
                .anyMatch(cs -> cs.statements().contains("ALTER TABLE users DROP COLUMN legacy")), plan.toString());
        List<String> problems = PluginRewrite.planLintProblems(plan, lint);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        List<Finding> found = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, found.size(), ruleId + ": " + findings);
        return found.get(0);
    }
}
