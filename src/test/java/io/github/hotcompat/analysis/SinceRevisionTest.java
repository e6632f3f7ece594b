package io.github.hotcompat.analysis;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code since}: the changelog at a git revision decides what is deployed; edits of it are caught. */
class SinceRevisionTest {
    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                               xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
            """;

    @TempDir
    Path repo;

    @Test
    void judgesOnlyWhatTheBranchAddsAndReportsTheEditOfADeployedChangeSet() throws Exception {
        Path changelog = repo.resolve("app/src/main/resources/db/changelog/db.changelog-master.xml");
        Files.createDirectories(changelog.getParent());
        Files.writeString(changelog, HEAD + """
                <changeSet id="1" author="ana"><createTable tableName="users"><column name="id" type="bigint"/></createTable></changeSet>
                <changeSet id="2" author="ana"><addColumn tableName="users"><column name="email" type="text"/></addColumn></changeSet>
                <include file="db/changelog/more.xml"/>
                </databaseChangeLog>
                """);
        Files.writeString(changelog.resolveSibling("more.xml"), HEAD + """
                <changeSet id="m1" author="bo"><addColumn tableName="users"><column name="name" type="text"/></addColumn></changeSet>
                </databaseChangeLog>
                """);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(changelog, HEAD + """
                <changeSet id="1" author="ana"><createTable tableName="users"><column name="id" type="bigint"/><column name="x" type="int"/></createTable></changeSet>
                <changeSet id="2" author="ana"><addColumn tableName="users"><column name="email" type="text"/></addColumn></changeSet>
                <include file="db/changelog/more.xml"/>
                <changeSet id="3" author="ana"><createIndex tableName="users" indexName="idx_users_email"><column name="email"/></createIndex></changeSet>
                </databaseChangeLog>
                """);
        git("commit", "-q", "-am", "edit 1, add 3");

        Path base = repo.resolve("app");
        List<Path> searchPath = List.of(base.resolve("src/main/resources"));
        Baseline atMain = new SinceRevision("main", base).load(searchPath, "db/changelog/db.changelog-master.xml",
                getClass().getClassLoader(), base.resolve("target/classes"), "postgresql", base.resolve("target/hotcompat/since"));
        assertEquals(3, atMain.size());

        AnalysisResult result = new Analyzer().analyze(new AnalysisConfig(base, searchPath, null, getClass().getClassLoader(),
                new Target("postgresql", 16, 100_000, Map.of(), false), Map.of(), Baseline.empty().union(atMain)));
        assertEquals(List.of("3"), result.pending().stream().map(p -> p.changeSet().id()).toList());
        List<Finding> modified = result.findings().stream().filter(f -> f.ruleId().equals("deployed-changeset-modified")).toList();
        assertEquals(1, modified.size(), result.findings().toString());
        assertEquals("1", modified.get(0).changeSetId());
        assertTrue(modified.get(0).message().contains("present at git revision main"), modified.get(0).message());
        assertEquals("app/src/main/resources/db/changelog/db.changelog-master.xml".substring(4), modified.get(0).file());
        assertTrue(result.findings().stream().anyMatch(f -> f.ruleId().equals("index-not-concurrent") && f.changeSetId().equals("3")));
    }

    @Test
    void twinsInContextsAreDeployedEachWithItsOwnChecksumWhateverTheContextsSelect() throws Exception {
        Path changelog = repo.resolve("src/main/resources/db.xml");
        Files.createDirectories(changelog.getParent());
        String twins = HEAD + """
                <changeSet id="1" author="ana" context="mysql"><createTable tableName="t"><column name="id" type="int"/></createTable></changeSet>
                <changeSet id="1" author="ana" context="postgresql"><createTable tableName="t"><column name="id" type="%s"/></createTable></changeSet>
                </databaseChangeLog>
                """;
        Files.writeString(changelog, twins.formatted("bigint"));
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        List<Path> searchPath = List.of(changelog.getParent());
        ChangeSetSelection pgOnly = new ChangeSetSelection("postgresql", null);
        Baseline atMain = new SinceRevision("main", repo).load(searchPath, "db.xml", getClass().getClassLoader(), null,
                "postgresql", pgOnly, repo.resolve("target/hotcompat/since"));
        assertEquals(2, atMain.size(), "both twins are deployed, whatever the contexts select");

        AnalysisConfig config = new AnalysisConfig(repo, searchPath, "db.xml", getClass().getClassLoader(), Target.postgres(),
                Map.of(), atMain).withSelection(pgOnly);
        AnalysisResult unedited = new Analyzer().analyze(config);
        assertEquals(List.of(), unedited.pending());
        assertEquals(List.of(), unedited.findings(), "the selected (second) twin meets its own checksum");
        assertEquals(List.of(), new Analyzer().analyze(config.withSelection(ChangeSetSelection.ALL)).findings());

        Files.writeString(changelog, twins.formatted("int"));
        List<Finding> edited = new Analyzer().analyze(config).findings();
        assertEquals(List.of("deployed-changeset-modified"), edited.stream().map(Finding::ruleId).toList());
        assertEquals(6, edited.get(0).line(), "on the edited twin");
        assertEquals(List.of(), new Analyzer().analyze(config.withSelection(new ChangeSetSelection("mysql", null))).findings(),
                "the unedited twin, selected alone, still passes");
    }

    @Test
    void aChangelogThatDidNotExistAtTheRevisionMeansNothingWasDeployed() throws Exception {
        Files.writeString(repo.resolve("README"), "x");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        Path resources = repo.resolve("src/main/resources");
        Files.createDirectories(resources.resolve("db/changelog"));
        Files.writeString(resources.resolve("db/changelog/db.changelog-master.xml"), HEAD + "</databaseChangeLog>\n");
        Baseline b = new SinceRevision("main", repo).load(List.of(resources), "db/changelog/db.changelog-master.xml",
                getClass().getClassLoader(), null, "postgresql", repo.resolve("target/hotcompat/since"));
        assertEquals(0, b.size());
    }

    @Test
    void anUnknownRevisionSaysHowToFetchIt() throws Exception {
        Files.writeString(repo.resolve("README"), "x");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        HotcompatInputException e = assertThrows(HotcompatInputException.class, () -> new SinceRevision("origin/main", repo)
                .load(List.of(repo), "db.xml", getClass().getClassLoader(), null, "postgresql", repo.resolve("target/s")));
        assertTrue(e.getMessage().contains("hotcompat.since=origin/main") && e.getMessage().contains("fetch-depth: 0"), e.getMessage());
    }

    @Test
    void outsideARepositoryItSaysSo() {
        HotcompatInputException e = assertThrows(HotcompatInputException.class, () -> new SinceRevision("main", repo)
                .load(List.of(repo), "db.xml", getClass().getClassLoader(), null, "postgresql", repo.resolve("target/s")));
        assertTrue(e.getMessage().contains("not inside a git repository"), e.getMessage());
    }

    private void git(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 5];
        cmd[0] = "git";
        cmd[1] = "-c";
        cmd[2] = "user.name=test";
        cmd[3] = "-c";
        cmd[4] = "user.email=test@example.com";
        System.arraycopy(args, 0, cmd, 5, args.length);
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
