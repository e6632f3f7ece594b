package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of truncate-table: TRUNCATE of a populated table holds ACCESS EXCLUSIVE until the changeset commits
 * (the running version's reads wait) and then the rows it reads are gone; CASCADE empties the referencing
 * table too. The plan's table-changing deploy comes after a code-only deploy and truncates as written.
 */
@ExtendWith(PgTestDatabase.class)
class TruncateTableProofTest {
    static final String READ = "SELECT count(*) FROM orders WHERE id < 100";

    @Test
    void truncateBlocksReadsAndEmptiesTheTable(@TempDir Path dir) throws Exception {
        // the pg_sleep stands for the rest of the changeset: TRUNCATE itself is too quick to watch
        String changelog = Changelog.xml("""
                <changeSet id="truncate" author="dev">
                  <sql>TRUNCATE orders</sql>
                  <sql>SELECT pg_sleep(1)</sql>
                </changeSet>
                """);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ConstraintRulesProofTest.ROWS);
            LockProbe.Result r = pc.probe("orders", READ).during(pc.deployment("changelog.xml", changelog));
            System.out.println("[proof] TRUNCATE: " + r);
            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.probeBlocked(), "a concurrent SELECT waited: " + r);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), "pg_locks showed the migration holding ACCESS EXCLUSIVE: " + r);
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM orders"), "the running version's rows are gone");
        }
    }

    @Test
    void cascadeEmptiesTheReferencingTableAndThePlanTruncatesAfterACodeOnlyDeploy(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="truncate" author="dev">
                  <sql>TRUNCATE customers CASCADE</sql>
                </changeSet>
                """);
        Finding finding = PluginRewrite.finding(changelog, "truncate-table");
        assertEquals(2, finding.plan().deploys().size(), finding.plan().toString());
        assertTrue(finding.plan().deploys().get(0).changeSets().isEmpty(), "deploy 1 is code only: " + finding.plan());
        assertNotNull(finding.plan().deploys().get(0).codeChange(), finding.plan().toString());
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.sql("CREATE TABLE customers (id bigint PRIMARY KEY)")
                    .sql("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id))")
                    .sql("INSERT INTO customers SELECT g FROM generate_series(1, 100) g")
                    .sql("INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g");
            List<String> deploys = PluginRewrite.deployChangelogs(finding);
            assertEquals(1, deploys.size(), "one deploy changes the database");
            pc.deploy("deploy-2.xml", deploys.get(0));
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM customers"));
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM orders"), "CASCADE emptied orders too");
        }
    }
}
