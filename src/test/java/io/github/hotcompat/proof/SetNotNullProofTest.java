package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: addNotNullConstraint (SET NOT NULL) scans the whole table under ACCESS EXCLUSIVE, blocking writes;
 * the rewrite's deploys (NOT VALID check, VALIDATE, SET NOT NULL with the check in place) let writes
 * through during the scan, and the final SET NOT NULL does not scan at all.
 */
@ExtendWith(PgTestDatabase.class)
class SetNotNullProofTest {
    /** VALIDATE CONSTRAINT of a cheap IS NOT NULL check is fast: enough rows that probes can be seen going through it. */
    static final int ROWS = 1_000_000;

    static String originalChangelog() {
        return Changelog.xml("""
                <changeSet id="users-email-required" author="dev">
                  <addNotNullConstraint tableName="users" columnName="email" columnDataType="text"/>
                </changeSet>
                """);
    }

    private static ProofCase seeded(Path dir) throws Exception {
        ProofCase pc = ProofCase.create(dir);
        pc.seed("users", ROWS);
        // only the migrations may scan users, so seq_scan counts them alone
        pc.sql("ALTER TABLE users SET (autovacuum_enabled = false)");
        return pc;
    }

    @Test
    void setNotNullScansUnderAccessExclusive(@TempDir Path dir) throws Exception {
        try (ProofCase pc = seeded(dir)) {
            long scans = PgCatalog.seqScans(pc.connection(), "users");
            LockProbe.Result r = pc.probe("users", ColumnProofs.OLD_INSERT)
                    .during(ColumnProofs.flushingStats(pc, "changelog.xml", originalChangelog()));
            System.out.println("[proof] addNotNullConstraint: " + r);

            r.assertBlocked(LockProbe.BLOCKS_READS);
            assertTrue(PgCatalog.seqScans(pc.connection(), "users") > scans, "SET NOT NULL read the whole table");
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "email").orElseThrow().notNull());
        }
    }

    @Test
    void rewriteValidatesWithoutBlockingAndSetsNotNullWithoutAScan(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(originalChangelog(), "set-not-null", ColumnProofs.TARGET);
        assertEquals(Severity.ERROR, finding.severity());
        PluginRewrite.assertRewriteLintsClean(finding, ColumnProofs.TARGET);
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        assertEquals(List.of(1, 2, 3), steps.stream().map(PluginRewrite.Step::deploy).toList(),
                "check, validate, set not null: one changeset per deploy");
        try (ProofCase pc = seeded(dir)) {
            // deploy 1: NOT VALID check, catalog only
            pc.deploy("d1.xml", steps.get(0).changelog());
            assertTrue(!PgCatalog.constraintValidated(pc.connection(), "users_email_not_null"));

            // deploy 2: VALIDATE scans, but under SHARE UPDATE EXCLUSIVE: writes go on
            long scans = PgCatalog.seqScans(pc.connection(), "users");
            LockProbe.Result validate = pc.probe("users", ColumnProofs.OLD_INSERT)
                    .during(ColumnProofs.flushingStats(pc, "d2.xml", steps.get(1).changelog()));
            System.out.println("[proof] VALIDATE CONSTRAINT: " + validate);
            validate.assertNotBlocked(LockProbe.BLOCKS_WRITES, 2);
            assertTrue(validate.migrationHeld("ShareUpdateExclusiveLock"), validate.toString());
            long afterValidate = PgCatalog.seqScans(pc.connection(), "users");
            assertTrue(afterValidate > scans, "VALIDATE scanned (and the counter sees scans)");
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "users_email_not_null"));

            // deploy 3: SET NOT NULL proven by the validated check: no scan, so the ACCESS EXCLUSIVE lock is brief
            ColumnProofs.run(pc, ColumnProofs.flushingStats(pc, "d3.xml", steps.get(2).changelog()));
            assertEquals(afterValidate, PgCatalog.seqScans(pc.connection(), "users"), "SET NOT NULL did not scan");
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "email").orElseThrow().notNull());
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_not_null'"), "check dropped");
        }
    }

    /**
     * Claim: a defaultNullValue on a boolean (or bit) column typed with a Liquibase name is backfilled as a
     * literal of the column's PostgreSQL type ({@code 1} as TRUE, an integer the column would reject), so the
     * whole rewrite deploys and ends NOT NULL with the NULL rows filled.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"java.sql.Types.BOOLEAN|boolean|1|true", "bit|bit(1)|1|1"})
    void liquibaseTypedDefaultNullValueBackfillDeploys(String columnDataType, String pgType, String value, String stored,
                                                        @TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="users-renews-required" author="dev">
                  <addNotNullConstraint tableName="users" columnName="renews" columnDataType="%s" defaultNullValue="%s"/>
                </changeSet>
                """.formatted(columnDataType, value));
        Finding finding = PluginRewrite.finding(changelog, "set-not-null", ColumnProofs.TARGET);
        PluginRewrite.assertRewriteLintsClean(finding, ColumnProofs.TARGET);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", 5_000);
            pc.sql("ALTER TABLE users ADD COLUMN renews " + pgType);
            for (PluginRewrite.Step step : PluginRewrite.steps(finding)) {
                pc.deploy(step.changeSetId() + ".xml", step.changelog());
            }
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "renews").orElseThrow().notNull());
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM users WHERE renews::text <> '" + stored + "'"), "NULL rows filled");
        }
    }
}
