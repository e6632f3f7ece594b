package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: on PostgreSQL 11+ (here 15) ADD COLUMN with a volatile default still rewrites the table under
 * ACCESS EXCLUSIVE, blocking writes; the rewrite (column without default, SET DEFAULT, batched backfill)
 * never rewrites the table, lets writes through and fills every row.
 */
@ExtendWith(PgTestDatabase.class)
class AddColumnDefaultProofTest {
    static final int ROWS = 50_000;

    static String originalChangelog() {
        return Changelog.xml("""
                <changeSet id="users-token" author="dev">
                  <addColumn tableName="users">
                    <column name="token" type="uuid" defaultValueComputed="gen_random_uuid()"/>
                  </addColumn>
                </changeSet>
                """);
    }

    @Test
    void volatileDefaultRewritesTheTableAndBlocksWrites(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            long before = PgCatalog.relfilenode(pc.connection(), "users");

            LockProbe.Result r = pc.probe("users", ColumnProofs.OLD_INSERT)
                    .during(pc.deployment("changelog.xml", originalChangelog()));
            System.out.println("[proof] ADD COLUMN DEFAULT gen_random_uuid(): " + r);

            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(r.migrationHeld("AccessExclusiveLock") || r.probeBlocked(), r.toString());
            assertNotEquals(before, PgCatalog.relfilenode(pc.connection(), "users"), "the table was rewritten");
        }
    }

    @Test
    void rewriteFillsTheColumnWithoutRewritingOrBlocking(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(originalChangelog(), "add-column-default", ColumnProofs.TARGET);
        assertEquals(Severity.ERROR, finding.severity());
        PluginRewrite.assertRewriteLintsClean(finding, ColumnProofs.TARGET);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            long before = PgCatalog.relfilenode(pc.connection(), "users");
            int backfills = 0;
            for (PluginRewrite.Step step : PluginRewrite.steps(finding)) {
                String file = step.changeSetId() + ".xml";
                if (ColumnProofs.isBackfill(step)) {
                    LockProbe.Result r = pc.probe("users", ColumnProofs.OLD_INSERT)
                            .during(pc.deployment(file, step.changelog()));
                    System.out.println("[proof] backfill " + step.changeSetId() + ": " + r);
                    r.assertNotBlocked(LockProbe.BLOCKS_WRITES, 3);
                    backfills++;
                } else {
                    pc.deploy(file, step.changelog());
                }
                assertEquals(before, PgCatalog.relfilenode(pc.connection(), "users"),
                        "step " + step.changeSetId() + " rewrote the table");
            }
            assertEquals(1, backfills);
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE token IS NULL"));
            assertEquals(PgCatalog.count(pc.connection(), "SELECT count(*) FROM users"),
                    PgCatalog.count(pc.connection(), "SELECT count(DISTINCT token) FROM users"), "one value per row");
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "token").orElseThrow().defaultExpression()
                    .contains("gen_random_uuid()"));
        }
    }

    /**
     * Claim: with a Liquibase type name, the rewrite adds the column with the PostgreSQL type and writes the
     * default as a literal of that type (a boolean's 1 as TRUE), so every step deploys and fills every row.
     * Linted for PostgreSQL 10, where any ADD COLUMN ... DEFAULT rewrites the table; deployed on 15.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "clob|none|text|none", "java.sql.Types.BOOLEAN|1|boolean|true", "nvarchar(20)|n/a|character varying(20)|n/a",
            "bit|0|bit(1)|0"})
    void liquibaseTypedDefaultRewriteDeploys(String type, String value, String pgType, String stored,
                                             @TempDir Path dir) throws Exception {
        Target pg10 = new Target("postgresql", 10, 100_000, Map.of("users", 5_000_000L), false);
        String changelog = Changelog.xml("""
                <changeSet id="users-flag" author="dev">
                  <addColumn tableName="users">
                    <column name="flag" type="%s" defaultValue="%s"/>
                  </addColumn>
                </changeSet>
                """.formatted(type, value));
        Finding finding = PluginRewrite.finding(changelog, "add-column-default", pg10);
        PluginRewrite.assertRewriteLintsClean(finding, pg10);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", 2_000);
            for (PluginRewrite.Step step : PluginRewrite.steps(finding)) {
                pc.deploy(step.changeSetId() + ".xml", step.changelog());
            }
            assertEquals(pgType, PgCatalog.columnInfo(pc.connection(), "users", "flag").orElseThrow().type());
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE flag::text IS DISTINCT FROM '"
                    + stored + "'"), "every row holds the default");
            pc.sql("INSERT INTO users (email) VALUES ('new@example.com')");
            assertEquals(1, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE email = 'new@example.com'"
                    + " AND flag::text = '" + stored + "'"), "new rows take the default");
        }
    }
}
