package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.rules.ComposedPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: {@code createIndex} (plain CREATE INDEX) holds a ShareLock on the table for the whole build, blocking
 * writes; the rewrite with CREATE INDEX CONCURRENTLY lets writes through and still ends with a valid index.
 */
@ExtendWith(PgTestDatabase.class)
class IndexNotConcurrentProofTest {

    static final int ROWS = 200_000;
    static final String INSERT_USER =
            "INSERT INTO users (email, created_at, amount) VALUES ('probe@example.com', now(), 1)";
    /** Probes that must get through while the concurrent build holds its lock. */
    static final int MIN_PROBES_DURING_BUILD = 5;

    static String originalChangelog() {
        return Changelog.xml("""
                <changeSet id="users-email-index" author="dev">
                  <createIndex tableName="users" indexName="idx_users_email">
                    <column name="email"/>
                  </createIndex>
                </changeSet>
                """);
    }

    /** The rewrite under proof: the one the plugin's finding carries for {@link #originalChangelog()}. */
    static List<String> rewriteDeploys() throws Exception {
        Finding finding = PluginRewrite.finding(originalChangelog(), "index-not-concurrent");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> deploys = PluginRewrite.deployChangelogs(finding);
        assertEquals(1, deploys.size(), "index-not-concurrent rewrites to a single deploy");
        return deploys;
    }

    @Test
    void createIndexBlocksWritesForTheBuild(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);

            LockProbe.Result r = pc.probe("users", INSERT_USER)
                    .during(pc.deployment("changelog.xml", originalChangelog()));
            System.out.println("[proof] plain createIndex: " + r);

            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(r.migrationHeld("ShareLock") || r.probeBlocked(), r.toString());
            assertTrue(PgCatalog.indexIsValid(pc.connection(), "idx_users_email"));
        }
    }

    @Test
    void concurrentRewriteLetsWritesThroughAndLeavesAValidIndex(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            long before = PgCatalog.count(pc.connection(), "SELECT count(*) FROM users");

            LockProbe.Result r = pc.probe("users", INSERT_USER)
                    .during(pc.deployment("changelog.xml", rewriteDeploys().get(0)));
            System.out.println("[proof] CONCURRENTLY rewrite: " + r);

            r.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES_DURING_BUILD);
            // The concurrent build's own lock, seen while the probes went through.
            assertTrue(r.migrationHeld("ShareUpdateExclusiveLock"), r.toString());
            assertTrue(PgCatalog.indexExists(pc.connection(), "idx_users_email"));
            assertTrue(PgCatalog.indexIsValid(pc.connection(), "idx_users_email"));
            long after = PgCatalog.count(pc.connection(), "SELECT count(*) FROM users");
            assertTrue(after - before >= r.probesSucceededDuringMigration(), "probe rows are in the table");
            assertEquals(1, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM databasechangelog WHERE id = 'users-email-index-concurrently'"));
        }
    }

    /** A partial index made by modifySql: what Liquibase runs is its generated CREATE INDEX plus the WHERE. */
    static String partialIndexChangelog() {
        return Changelog.xml("""
                <changeSet id="users-big-amount-index" author="dev">
                  <createIndex tableName="users" indexName="idx_users_big_amount">
                    <column name="email"/>
                  </createIndex>
                  <modifySql dbms="postgresql">
                    <append value=" WHERE amount &gt; 50"/>
                  </modifySql>
                </changeSet>
                """);
    }

    @Test
    void modifySqlPartialIndexRewriteStaysPartialAndLetsWritesThrough(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(partialIndexChangelog(), "index-not-concurrent");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<String> deploys = PluginRewrite.deployChangelogs(finding);
        assertEquals(1, deploys.size());
        String original;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            pc.seed("users", 1_000);
            pc.deploy("changelog.xml", partialIndexChangelog());
            original = PgCatalog.indexDefinition(pc.connection(), "idx_users_big_amount");
        }
        try (ProofCase pc = ProofCase.create(dir.resolve("rewrite"))) {
            pc.seed("users", ROWS);
            LockProbe.Result r = pc.probe("users", INSERT_USER).during(pc.deployment("changelog.xml", deploys.get(0)));
            System.out.println("[proof] CONCURRENTLY rewrite of a modifySql partial index: " + r);
            r.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES_DURING_BUILD);
            assertTrue(PgCatalog.indexIsValid(pc.connection(), "idx_users_big_amount"));
            String rewritten = PgCatalog.indexDefinition(pc.connection(), "idx_users_big_amount");
            assertTrue(rewritten.contains(" WHERE (amount > "), rewritten);
            // the same index as the original changeset builds (names differ only by scratch schema)
            assertEquals(original.replaceAll("ON \\S+\\.users", "ON users"), rewritten.replaceAll("ON \\S+\\.users", "ON users"));
        }
    }

    @Test
    void rewriteKeepsWhatLiquibaseWritesForTheIndex(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="users-recent-index" author="dev">
                  <createIndex tableName="users" indexName="idx_users_recent">
                    <column name="created_at" descending="true"/>
                    <column name="lower(email)" computed="true"/>
                  </createIndex>
                </changeSet>
                """);
        Finding finding = PluginRewrite.finding(changelog, "index-not-concurrent");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        String original;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            pc.seed("users", 1_000);
            pc.deploy("changelog.xml", changelog);
            original = PgCatalog.indexDefinition(pc.connection(), "idx_users_recent");
        }
        try (ProofCase pc = ProofCase.create(dir.resolve("rewrite"))) {
            pc.seed("users", 1_000);
            pc.deploy("changelog.xml", PluginRewrite.deployChangelogs(finding).get(0));
            String rewritten = PgCatalog.indexDefinition(pc.connection(), "idx_users_recent");
            assertTrue(rewritten.contains("created_at DESC, lower(email)"), rewritten);
            assertEquals(original.replaceAll("ON \\S+\\.users", "ON users"), rewritten.replaceAll("ON \\S+\\.users", "ON users"));
        }
    }

    /** An index rebuilt under its name in one changeset: a plain drop and a plain create, no lock timeout. */
    static String rebuildChangelog() {
        return Changelog.xml("""
                <changeSet id="users-email-rebuild" author="dev">
                  <dropIndex tableName="users" indexName="idx_users_email"/>
                  <createIndex tableName="users" indexName="idx_users_email">
                    <column name="lower(email)" computed="true"/>
                  </createIndex>
                </changeSet>
                """);
    }

    @Test
    void rebuiltIndexPlanDropsAndBuildsConcurrentlyAndEndsWithTheNewIndex(@TempDir Path dir) throws Exception {
        List<Finding> findings = ComposedPlans.findings(PluginRewrite.analyze(rebuildChangelog(), Target.postgres()),
                "users-email-rebuild", "drop-index-not-concurrent", "index-not-concurrent", "missing-lock-timeout");
        Plan plan = ComposedPlans.assertOneCompletePlan(findings);
        for (Finding f : findings) PluginRewrite.assertRewriteLintsClean(f, Target.postgres());
        ComposedPlans.assertDeploysLintWithNoFinding(plan);
        String original;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            pc.seed("users", 1_000).sql("CREATE INDEX idx_users_email ON users (email)");
            pc.deploy("changelog.xml", rebuildChangelog());
            original = PgCatalog.indexDefinition(pc.connection(), "idx_users_email");
        }
        try (ProofCase pc = ProofCase.create(dir.resolve("plan"))) {
            pc.seed("users", ROWS).sql("CREATE INDEX idx_users_email ON users (email)");
            int n = 0;
            for (String step : RewriteSteps.changeSets(findings.get(0))) {
                LockProbe.Result r = pc.probe("users", INSERT_USER).during(pc.deployment("step-" + (++n) + ".xml", step));
                System.out.println("[proof] index rebuild plan, step " + n + ": " + r);
                assertEquals(0, r.probesBlocked(), "no probe waited past its lock_timeout: " + r);
                assertTrue(r.otherProbeErrors().isEmpty(), r.toString());
                if (step.contains("CREATE INDEX CONCURRENTLY")) r.assertNotBlocked(LockProbe.BLOCKS_WRITES, MIN_PROBES_DURING_BUILD);
            }
            assertEquals(2, n, "drop, then build");
            assertTrue(PgCatalog.indexIsValid(pc.connection(), "idx_users_email"));
            String rewritten = PgCatalog.indexDefinition(pc.connection(), "idx_users_email");
            assertEquals(original.replaceAll("ON \\S+\\.users", "ON users"), rewritten.replaceAll("ON \\S+\\.users", "ON users"));
        }
    }
}
