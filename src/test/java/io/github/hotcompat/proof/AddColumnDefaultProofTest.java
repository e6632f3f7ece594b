package io.github.hotcompat.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hotcompat.report.Finding;
import io.github.hotcompat.report.Severity;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
}
