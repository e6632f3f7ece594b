package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of unbatched-backfill and ddl-with-backfill: a backfill in one statement is one transaction that holds
 * row locks on every row it touched until it ends (a concurrent update of an already backfilled row waits), and
 * inside a DDL changeset it also keeps the DDL's ACCESS EXCLUSIVE lock for its whole run. The plugin's rewrite (a
 * DO loop committing per key range, outside a transaction) commits batch by batch, which is visible afterwards
 * in the rows' {@code xmin}: one transaction id per batch instead of one for the whole table.
 */
@ExtendWith(PgTestDatabase.class)
class BackfillProofTest {

    static final int ROWS = 100_000;
    static final int BATCHES = ROWS / 10_000;
    /**
     * The running version locks a row for update, one the backfill's scan reaches early. (A probe that updated
     * the row would move it to the end of the table, where the scan finds it only at the very end.)
     */
    static final String LOCK_EARLY_USER = "SELECT id FROM users WHERE id = 2 FOR UPDATE";
    static final String SELECT_USER = "SELECT * FROM users WHERE id = 2";
    /** Transactions that wrote the rows' current versions (the probe only locks, it writes no version). */
    static final String WRITER_TRANSACTIONS = "SELECT count(DISTINCT xmin::text) FROM users";
    /** Longer than any single batch: a probe fails only when something holds it for much longer. */
    static final Duration PATIENT_PROBE = Duration.ofSeconds(5);

    static String unbatchedOriginal() {
        return Changelog.xml("""
                <changeSet id="users-upper-email" author="dev">
                  <update tableName="users">
                    <column name="email" valueComputed="upper(email)"/>
                  </update>
                </changeSet>
                """);
    }

    static String ddlWithBackfillOriginal() {
        return Changelog.xml("""
                <changeSet id="users-status" author="dev">
                  <addColumn tableName="users">
                    <column name="status" type="text"/>
                  </addColumn>
                  <update tableName="users">
                    <column name="status" value="active"/>
                  </update>
                </changeSet>
                """);
    }

    static List<String> rewrite(String original, String ruleId) throws Exception {
        Finding finding = PluginRewrite.finding(original, ruleId);
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> deploys = PluginRewrite.deployChangelogs(finding);
        assertEquals(1, deploys.size(), ruleId + " rewrites to a single deploy");
        return deploys;
    }

    @Test
    void oneStatementBackfillHoldsRowLocksUntilItEnds(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            LockProbe.Result r = pc.probe("users", LOCK_EARLY_USER)
                    .during(pc.deployment("changelog.xml", unbatchedOriginal()));
            System.out.println("[proof] one-statement backfill: " + r);

            assertTrue(r.probesBlocked() > 0, "locking an already backfilled row waited for the whole statement; " + r);
            assertEquals(1, PgCatalog.count(pc.connection(), WRITER_TRANSACTIONS), "the backfill was one transaction");
            assertEquals(ROWS, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE email = upper(email)"));
        }
    }

    @Test
    void batchedRewriteCommitsPerKeyRange(@TempDir Path dir) throws Exception {
        List<String> deploys = rewrite(unbatchedOriginal(), "unbatched-backfill");
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            LockProbe.Result r = pc.probe("users", LOCK_EARLY_USER).lockTimeout(PATIENT_PROBE)
                    .during(pc.deployment("changelog.xml", deploys.get(0)));
            System.out.println("[proof] batched backfill rewrite: " + r);

            assertEquals(0, r.probesBlocked(), r.toString());
            assertTrue(r.otherProbeErrors().isEmpty(), r.toString());
            assertTrue(r.probesSucceededDuringMigration() > 0, r.toString());
            long transactions = PgCatalog.count(pc.connection(), WRITER_TRANSACTIONS);
            assertTrue(transactions >= BATCHES, "one transaction per batch of 10000 rows, saw " + transactions);
            assertEquals(ROWS, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE email = upper(email)"));
            assertEquals(1, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM databasechangelog WHERE id = 'users-upper-email-batched'"));
        }
    }

    @Test
    void backfillInsideTheDdlChangesetHoldsAccessExclusive(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            LockProbe.Result r = pc.probe("users", SELECT_USER)
                    .during(pc.deployment("changelog.xml", ddlWithBackfillOriginal()));
            System.out.println("[proof] ADD COLUMN + UPDATE in one changeset: " + r);

            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(r.migrationHeld("AccessExclusiveLock"), r.toString());
            assertEquals(1, PgCatalog.count(pc.connection(), WRITER_TRANSACTIONS));
        }
    }

    @Test
    void splitRewriteKeepsReadsGoingAndBackfillsInBatches(@TempDir Path dir) throws Exception {
        List<String> deploys = rewrite(ddlWithBackfillOriginal(), "ddl-with-backfill");
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            LockProbe.Result r = pc.probe("users", SELECT_USER).lockTimeout(PATIENT_PROBE)
                    .during(pc.deployment("changelog.xml", deploys.get(0)));
            System.out.println("[proof] ddl-with-backfill rewrite: " + r);

            // Only the ADD COLUMN's brief metadata lock: no read waited anywhere near PATIENT_PROBE.
            assertEquals(0, r.probesBlocked(), r.toString());
            assertTrue(r.otherProbeErrors().isEmpty(), r.toString());
            assertTrue(r.probesSucceededDuringMigration() > 0, r.toString());
            Connection c = pc.connection();
            assertEquals(ROWS, PgCatalog.count(c, "SELECT count(*) FROM users WHERE status = 'active'"));
            assertTrue(PgCatalog.count(c, WRITER_TRANSACTIONS) >= BATCHES, "backfilled batch by batch");
            assertTrue(PgCatalog.count(c, "SELECT count(*) FROM databasechangelog WHERE id LIKE 'users-status-%'") >= 2,
                    "the schema change and the backfill are changesets of their own");
        }
    }

    /** Tables the changelog created (deployed): a uuid-style text key, and a composite key only. */
    static final String KEYED_TABLES = """
            <changeSet id="tables" author="dev">
              <createTable tableName="groups">
                <column name="id" type="varchar(36)"><constraints primaryKey="true"/></column>
                <column name="kind" type="text"/>
              </createTable>
              <createTable tableName="memberships">
                <column name="group_id" type="varchar(36)"/>
                <column name="user_id" type="varchar(36)"/>
                <column name="kind" type="text"/>
              </createTable>
              <addPrimaryKey tableName="memberships" columnNames="group_id, user_id"/>
            </changeSet>
            """;

    /** The plugin's unbatched-backfill finding on {@code table} with the tables above deployed. */
    static Finding backfillFinding(String table) throws Exception {
        Path lint = java.nio.file.Files.createTempDirectory("hotcompat-proof-lint");
        java.nio.file.Files.writeString(lint.resolve("changelog.xml"), Changelog.xml(KEYED_TABLES + """
                <changeSet id="backfill-%s" author="dev">
                  <update tableName="%s">
                    <column name="kind" value="managed"/>
                    <where>kind IS NULL</where>
                  </update>
                </changeSet>
                """.formatted(table, table)));
        List<Finding> found = new io.github.hotcompat.analysis.Analyzer().analyze(new io.github.hotcompat.analysis.AnalysisConfig(
                        lint, List.of(lint), "changelog.xml", BackfillProofTest.class.getClassLoader(), Target.postgres(),
                        java.util.Map.of(), io.github.hotcompat.analysis.Baseline.of(List.of("changelog.xml::tables::dev"))))
                .findings().stream().filter(f -> f.ruleId().equals("unbatched-backfill")).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    /**
     * Claim: a table whose key is text (uuids) is batched by keyset (ORDER BY the key, one batch of OFFSET
     * at a time), one without a single-column key by heap pages; both fill every row, batch by batch, where
     * integer key arithmetic ({@code min(id)} into a bigint) would fail or find no {@code id} column.
     */
    @Test
    void textKeysAndCompositeKeysAreBatchedToo(@TempDir Path dir) throws Exception {
        Finding byKey = backfillFinding("groups");
        Finding byPage = backfillFinding("memberships");
        String keyLoop = byKey.plan().deploys().get(0).changeSets().get(0).statements().get(0);
        String pageLoop = byPage.plan().deploys().get(0).changeSets().get(0).statements().get(0);
        assertTrue(keyLoop.contains("ORDER BY id OFFSET 10000 LIMIT 1"), keyLoop);
        assertTrue(pageLoop.contains("ctid >="), pageLoop);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.sql("CREATE TABLE groups (id varchar(36) PRIMARY KEY, kind text)");
            pc.sql("CREATE TABLE memberships (group_id varchar(36), user_id varchar(36), kind text, PRIMARY KEY (group_id, user_id))");
            pc.sql("INSERT INTO groups SELECT gen_random_uuid()::text, NULL FROM generate_series(1, " + ROWS / 2 + ")");
            pc.sql("INSERT INTO memberships SELECT g::text, (g % 7)::text, NULL FROM generate_series(1, " + ROWS / 2 + ") g");
            pc.deploy("groups.xml", PluginRewrite.deployChangelogs(byKey).get(0));
            pc.deploy("memberships.xml", PluginRewrite.deployChangelogs(byPage).get(0));
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM groups WHERE kind IS DISTINCT FROM 'managed'"));
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM memberships WHERE kind IS DISTINCT FROM 'managed'"));
            assertTrue(PgCatalog.count(pc.connection(), "SELECT count(DISTINCT xmin::text) FROM groups") >= ROWS / 2 / 10_000,
                    "one transaction per keyset batch");
            assertTrue(PgCatalog.count(pc.connection(), "SELECT count(DISTINCT xmin::text) FROM memberships") > 1,
                    "committed page range by page range");
        }
    }
}
