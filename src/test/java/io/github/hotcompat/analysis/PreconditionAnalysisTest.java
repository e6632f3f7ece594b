package io.github.hotcompat.analysis;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preconditions through the whole analysis: what is judged, what is not, and what findings say. */
class PreconditionAnalysisTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static Set<String> judged(AnalysisResult r) {
        return r.pending().stream().map(p -> p.changeSet().id()).collect(Collectors.toSet());
    }

    private static Finding only(AnalysisResult r, String ruleId, String changeSetId) {
        List<Finding> found = r.findings().stream()
                .filter(f -> f.ruleId().equals(ruleId) && changeSetId.equals(f.changeSetId())).toList();
        assertEquals(1, found.size(), ruleId + " on " + changeSetId + ": "
                + r.findings().stream().map(f -> f.ruleId() + "@" + f.changeSetId()).toList());
        return found.get(0);
    }

    @Test
    void changesetsThatDoNotRunAreNotJudged() throws IOException {
        AnalysisResult r = FixtureRunner.analyze(FIXTURES.resolve("set-not-null/preconditions.xml"));
        // 5 (dbms db2), 6 (column exists), 12 (changeSetExecuted of a later one), 13 (CONTINUE) do not run
        assertEquals(Set.of("2", "3", "4", "7", "8", "9", "10", "11", "99"), judged(r));
        Finding assumed = only(r, "set-not-null", "4");
        assertTrue(assumed.why().endsWith("Precondition sqlCheck 'SELECT COUNT(*) FROM users WHERE status IS NULL' "
                + "expectedResult=0 (onFail=MARK_RAN, onError=HALT) was not evaluated offline: judged as if it passes."),
                assumed.why());
        assertTrue(!only(r, "set-not-null", "7").why().contains("not evaluated offline"), "all of 7's were evaluated");
    }

    @Test
    void aHaltIsSaidOnEveryFindingOfTheChangeset() throws IOException {
        AnalysisResult r = FixtureRunner.analyze(FIXTURES.resolve("missing-lock-timeout/preconditions-halt.xml"));
        // 6 (onError MARK_RAN) does not run; 8 runs on an empty table
        assertEquals(Set.of("2", "3", "4", "5", "7", "8"), judged(r));
        String halt = only(r, "missing-lock-timeout", "3").why();
        assertTrue(halt.contains("Its precondition fails offline, on the schema the changelog builds: tableExists legacy: "
                + "table legacy does not exist there (onFail=HALT, onError=HALT). Liquibase then stops the deploy at this "
                + "changeset"), halt);
        String error = only(r, "missing-lock-timeout", "5").why();
        assertTrue(error.contains("does not exist there, so the query fails (onFail=MARK_RAN, onError=HALT)"), error);
        assertTrue(!only(r, "missing-lock-timeout", "4").why().contains("precondition"), "4's hold: nothing to say");
        assertTrue(only(r, "missing-lock-timeout", "7").why().contains("tableExists accounts"));
    }

    @Test
    void changelogPreconditionsThatCannotBeEvaluatedAreNamedOnEveryFinding(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("changes.xml");
        Files.writeString(log, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <preConditions>
                        <runningAs username="app"/>
                    </preConditions>
                    <changeSet id="1" author="ana">
                        <comment>fixture: deployed</comment>
                        <createTable tableName="users"><column name="id" type="bigint"/></createTable>
                    </changeSet>
                    <changeSet id="2" author="ana">
                        <createIndex tableName="users" indexName="idx_users_id"><column name="id"/></createIndex>
                    </changeSet>
                </databaseChangeLog>
                """);
        AnalysisResult r = FixtureRunner.analyze(log);
        Finding f = only(r, "index-not-concurrent", "2");
        assertTrue(f.why().contains("(changelog-level) runningAs (onFail=HALT, onError=HALT) in changes.xml"
                + " was not evaluated offline: judged as if it passes."), f.why());
    }

    @Test
    void aFailingChangelogPreconditionOfAnIncludedFileStopsTheDeploy() throws IOException {
        AnalysisResult r = FixtureRunner.analyze(FIXTURES.resolve("missing-lock-timeout/preconditions-changelog.xml"));
        assertEquals(Set.of("2", "ora-1", "warn-1"), judged(r));
        for (String id : List.of("2", "ora-1", "warn-1")) {
            String why = only(r, "missing-lock-timeout", id).why();
            assertTrue(why.contains("A changelog precondition fails offline, on the schema deployed so far: in "
                    + "_oracle-only.xml: dbms type=\"oracle\" is not postgresql (onFail=HALT, onError=HALT)."), why);
            assertTrue(!why.contains("mysql"), "the WARN one does not stop it: " + why);
        }
    }
}
