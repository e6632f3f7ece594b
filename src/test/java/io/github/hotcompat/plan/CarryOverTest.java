package io.github.hotcompat.plan;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rewrite contains: the SQL Liquibase really runs (after modifySql), and every statement of
 * the changeset that the rule's own changesets do not replace, in its place.
 */
class CarryOverTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static Finding finding(Path changelog, String ruleId, String changeSetId) throws IOException {
        AnalysisResult result = FixtureRunner.analyze(changelog);
        List<Finding> found = result.findings().stream()
                .filter(f -> f.ruleId().equals(ruleId) && f.changeSetId().equals(changeSetId)).toList();
        assertEquals(1, found.size(), ruleId + " on changeset " + changeSetId + ": " + result.findings());
        return found.get(0);
    }

    private static List<PlanChangeSet> deploy(Finding f, int n) {
        return f.plan().deploys().get(n - 1).changeSets();
    }

    private static List<String> ids(List<PlanChangeSet> changeSets) {
        return changeSets.stream().map(PlanChangeSet::id).toList();
    }

    @Test
    void modifySqlPartialIndexKeepsItsWhereInTheConcurrentRewrite() throws IOException {
        for (String file : List.of("modify-sql.xml", "modify-sql.yaml")) {
            Finding f = finding(FIXTURES.resolve("index-not-concurrent").resolve(file), "index-not-concurrent", "2");
            List<PlanChangeSet> d1 = deploy(f, 1);
            assertEquals(List.of("2-concurrently"), ids(d1), file);
            assertEquals(List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_active_email ON users(email) WHERE active"),
                    d1.get(0).statements(), file);
            assertFalse(d1.get(0).runInTransaction(), file);
        }
    }

    @Test
    void modifySqlForAnotherDatabaseIsNotApplied() throws IOException {
        Finding f = finding(FIXTURES.resolve("index-not-concurrent/modify-sql.xml"), "index-not-concurrent", "4");
        String sql = deploy(f, 1).get(0).statements().get(0);
        assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email_m ON users (email)", sql);
    }

    @Test
    void anInsertBesideTheIndexStaysAfterIt() throws IOException {
        Finding f = finding(FIXTURES.resolve("index-not-concurrent/modify-sql.xml"), "index-not-concurrent", "5");
        List<PlanChangeSet> d1 = deploy(f, 1);
        assertEquals(List.of("5-concurrently", "5-after"), ids(d1));
        assertEquals(List.of("INSERT INTO users (id, email) VALUES (1, 'admin@example.com')"), d1.get(1).statements());
        // the kept statements run as the original changeset did: in a transaction
        assertTrue(d1.get(1).runInTransaction());
        assertTrue(f.rewrite().indexOf("CREATE INDEX CONCURRENTLY") < f.rewrite().indexOf("INSERT INTO users"), f.rewrite());
    }

    @Test
    void deleteOfUnconvertibleRowsStaysBeforeTheTypeChangesBackfill() throws IOException {
        for (String file : List.of("cleanup-first.xml", "cleanup-first.yaml")) {
            Finding f = finding(FIXTURES.resolve("change-column-type").resolve(file), "change-column-type", "2");
            List<PlanChangeSet> d1 = deploy(f, 1);
            // ddl-with-backfill moves the DELETE into a changeset of its own, still before the type change
            assertEquals(List.of("2-data", "2-add-reading_for_type_change", "2-readings_reading_type_change-function",
                    "2-readings_reading_type_change-trigger"), ids(d1), file);
            assertEquals(List.of("DELETE FROM readings WHERE reading !~ '^[0-9]+$'"), d1.get(0).statements(), file);
            // deploy 2 is the backfill, which now finds only convertible rows
            assertTrue(deploy(f, 2).get(0).statements().get(0).contains("reading::integer"), file);
            assertTrue(f.rewrite().indexOf("DELETE FROM readings") < f.rewrite().indexOf("ADD COLUMN reading_for_type_change"),
                    f.rewrite());
        }
    }

    @Test
    void sqlStatementsAreKeptAsWritten() throws IOException {
        Finding f = finding(FIXTURES.resolve("change-column-type/cleanup-first.xml"), "change-column-type", "3");
        List<PlanChangeSet> d1 = deploy(f, 1);
        assertEquals(List.of("3-data", "3-add-raw_for_type_change", "3-readings_raw_type_change-function",
                "3-readings_raw_type_change-trigger"), ids(d1));
        assertEquals(List.of("DELETE FROM readings WHERE raw !~ '^[0-9]+$'"), d1.get(0).statements());
    }

    @Test
    void keptStatementsAreRenderedInTheChangelogsFormat() throws IOException {
        Finding f = finding(FIXTURES.resolve("change-column-type/cleanup-first.yaml"), "change-column-type", "2");
        assertTrue(f.rewrite().contains("  - changeSet:\n      id: 2-data\n      author: ana\n"), f.rewrite());
        assertTrue(f.rewrite().contains("sql: DELETE FROM readings WHERE reading !~ '^[0-9]+$'"), f.rewrite());
    }

    @Test
    void anIndexAndItsLockTimeoutMakeOnePlanWithNothingTwice() throws IOException {
        Finding f = finding(FIXTURES.resolve("index-not-concurrent/modify-sql.xml"), "missing-lock-timeout", "5");
        Finding index = finding(FIXTURES.resolve("index-not-concurrent/modify-sql.xml"), "index-not-concurrent", "5");
        assertEquals(index.plan(), f.plan(), "both findings of changeset 5 carry its one plan");
        assertEquals(List.of("5-concurrently", "5-after"), ids(deploy(f, 1)));
        // the concurrent build takes no lock that blocks the application: no timeout in front of it, and
        // the plain blocking CREATE INDEX the timeout was about is gone
        assertEquals(List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_id_email ON users (id, email)"),
                deploy(f, 1).get(0).statements());
        assertEquals(List.of("INSERT INTO users (id, email) VALUES (1, 'admin@example.com')"), deploy(f, 1).get(1).statements());
        assertTrue(f.plan().notes().stream().anyMatch(n -> n.startsWith("No changeset of this plan waits for a lock")),
                f.plan().notes().toString());
    }

    @Test
    void whatCannotBeWrittenOutIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("changes.xml"), xml("""
                <changeSet id="2" author="ana">
                    <createIndex tableName="users" indexName="idx_users_email"><column name="email"/></createIndex>
                    <customChange class="com.example.NoSuchChange"/>
                    <dropAllForeignKeyConstraints baseTableName="users"/>
                </changeSet>
                """));
        Finding f = finding(dir.resolve("changes.xml"), "index-not-concurrent", "2");
        assertEquals(List.of("2-concurrently"), ids(deploy(f, 1)));
        List<String> notes = f.plan().notes();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("Change 2 (customChange) of changeset '2' is not carried over: "
                + "a customChange's SQL is made by its class at deploy time; keep it, as written, in deploy 1 after "
                + "changeset '2-concurrently'")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("Change 3 (dropAllForeignKeyConstraints) of changeset '2' is "
                + "not carried over: Liquibase writes its SQL from the live database's metadata")), notes.toString());
    }

    @Test
    void modifySqlThatCannotBeAppliedIsSaid(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("changes.xml"), xml("""
                <changeSet id="2" author="ana">
                    <dropAllForeignKeyConstraints baseTableName="orders"/>
                    <createIndex tableName="users" indexName="idx_users_email"><column name="email"/></createIndex>
                    <modifySql><append value=" WHERE email IS NOT NULL"/></modifySql>
                </changeSet>
                """));
        Finding f = finding(dir.resolve("changes.xml"), "index-not-concurrent", "2");
        // the createIndex could be generated: its WHERE is in the rewrite
        assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users(email) WHERE email IS NOT NULL",
                deploy(f, 1).get(0).statements().get(0));
        assertTrue(f.plan().notes().contains("The modifySql of changeset '2' could not be taken into account for "
                + "change 1 (dropAllForeignKeyConstraints): Liquibase writes its SQL from the live database's metadata; "
                + "hotcompat judged that change as written, without it."), f.plan().notes().toString());
    }

    @Test
    void theOtherColumnOfAnAddColumnIsKept(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("changes.xml"), xml("""
                <changeSet id="1" author="ana">
                    <comment>fixture: deployed</comment>
                    <createTable tableName="users"><column name="id" type="bigint"/></createTable>
                </changeSet>
                <changeSet id="2" author="ana">
                    <addColumn tableName="users">
                        <column name="nickname" type="varchar(40)"/>
                        <column name="seq" type="bigint" autoIncrement="true"/>
                    </addColumn>
                </changeSet>
                """));
        Finding f = finding(dir.resolve("changes.xml"), "add-serial-or-generated-column", "2");
        List<PlanChangeSet> d1 = deploy(f, 1);
        assertEquals("2-before", d1.get(0).id(), ids(d1).toString());
        // the ADD COLUMN waits for ACCESS EXCLUSIVE: the changeset's lock timeout goes in front of it
        assertEquals(List.of("SET LOCAL lock_timeout = '5s'", "ALTER TABLE users ADD nickname VARCHAR(40)"), d1.get(0).statements());
        assertFalse(String.join("\n", d1.get(0).statements()).contains("seq"));
    }

    @Test
    void loadDataIsReadThroughTheLoadersSearchPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("roles.csv"), "id;name\n1;admin\n2;user\n");
        Files.writeString(dir.resolve("changes.xml"), xml("""
                <changeSet id="2" author="ana">
                    <createIndex tableName="users" indexName="idx_users_email"><column name="email"/></createIndex>
                    <loadData tableName="roles" file="roles.csv" separator=";">
                        <column name="id" type="numeric"/>
                        <column name="name" type="string"/>
                    </loadData>
                </changeSet>
                """));
        Finding f = finding(dir.resolve("changes.xml"), "index-not-concurrent", "2");
        List<PlanChangeSet> d1 = deploy(f, 1);
        assertEquals(List.of("2-concurrently", "2-after"), ids(d1), f.rewrite());
        String kept = String.join("\n", d1.get(1).statements());
        assertTrue(kept.contains("'admin'") && kept.contains("'user'"), kept);
    }

    @Test
    void aCreateIndexRewriteIsLiquibasesOwnSqlPlusConcurrently(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("changes.xml"), xml("""
                <changeSet id="2" author="ana">
                    <createIndex tableName="user" indexName="idx_user_order" schemaName="app">
                        <column name="order" descending="true"/>
                        <column name="lower(email)" computed="true"/>
                    </createIndex>
                </changeSet>
                """));
        Finding f = finding(dir.resolve("changes.xml"), "index-not-concurrent", "2");
        // reserved words quoted, DESC and the expression kept, as Liquibase itself writes the index
        assertEquals(List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_user_order ON app.\"user\" (\"order\" DESC, lower(email))"),
                deploy(f, 1).get(0).statements());
    }

    static String xml(String changeSets) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """ + changeSets + "</databaseChangeLog>\n";
    }
}
