package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rename-table on views and sequences: a view rename keeps the old version working through a view
 * over the renamed one; for a sequence no view helps, and the advice's facts (the old version's
 * nextval('old') breaks, column defaults survive by OID) hold on PostgreSQL.
 */
@ExtendWith(PgTestDatabase.class)
class RelationRenameProofTest {
    static final int ROWS = 2_000;
    static final String UNDEFINED_TABLE = "42P01";
    static final String WRONG_OBJECT_TYPE = "42809";

    static final String OLD_SELECT = "SELECT id, email FROM active_users ORDER BY id LIMIT 10";
    static final String OLD_INSERT = "INSERT INTO active_users (email, created_at, amount) VALUES ('old@example.com', now(), 1)";

    static String renameViewChangelog() {
        return Changelog.xml("""
                <changeSet id="active-users-rename" author="dev">
                  <renameView oldViewName="active_users" newViewName="current_users"/>
                </changeSet>
                """);
    }

    private static ProofCase withView(Path dir) throws Exception {
        ProofCase pc = ProofCase.create(dir);
        pc.seed("users", ROWS).sql("CREATE VIEW active_users AS SELECT * FROM users");
        return pc;
    }

    @Test
    void viewRenameBreaksTheRunningVersion(@TempDir Path dir) throws Exception {
        try (ProofCase pc = withView(dir)) {
            PgCatalog.assertWorks(pc.connection(), OLD_SELECT, OLD_INSERT);
            pc.deploy("changelog.xml", renameViewChangelog());
            PgCatalog.assertFails(pc.connection(), UNDEFINED_TABLE, OLD_SELECT, OLD_INSERT);
        }
    }

    @Test
    void viewRenameRewriteKeepsTheOldNameWorkingThroughAView(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(renameViewChangelog(), "rename-table");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        assertEquals(2, RewriteSteps.deployCount(finding));
        String newSelect = "SELECT id, email FROM current_users ORDER BY id LIMIT 10";
        try (ProofCase pc = withView(dir)) {
            Connection c = pc.connection();
            pc.deploy("deploy-1.xml", RewriteSteps.deploy(finding, 1));
            PgCatalog.assertWorks(c, OLD_SELECT, OLD_INSERT, newSelect);
            assertEquals(1, PgCatalog.count(c, "SELECT count(*) FROM users WHERE email = 'old@example.com'"),
                    "the old version's insert went through both views into the table");

            pc.deploy("deploy-2.xml", RewriteSteps.deploy(finding, 2));
            PgCatalog.assertWorks(c, newSelect);
            PgCatalog.assertFails(c, UNDEFINED_TABLE, OLD_SELECT);
        }
    }

    static String renameSequenceChangelog() {
        return Changelog.xml("""
                <changeSet id="ref-seq-rename" author="dev">
                  <renameSequence oldSequenceName="users_ref_seq" newSequenceName="user_ref_seq"/>
                </changeSet>
                """);
    }

    private static ProofCase withSequence(Path dir) throws Exception {
        ProofCase pc = ProofCase.create(dir);
        pc.seed("users", ROWS).sql("CREATE SEQUENCE users_ref_seq")
                .sql("ALTER TABLE users ADD COLUMN ref bigint DEFAULT nextval('users_ref_seq')");
        return pc;
    }

    @Test
    void sequenceRenameBreaksCodeThatNamesItNotColumnDefaults(@TempDir Path dir) throws Exception {
        String oldNextval = "SELECT nextval('users_ref_seq')";
        String insertByDefault = "INSERT INTO users (email, created_at, amount) VALUES ('d@example.com', now(), 1)";
        try (ProofCase pc = withSequence(dir)) {
            Connection c = pc.connection();
            PgCatalog.assertWorks(c, oldNextval, insertByDefault);
            pc.deploy("changelog.xml", renameSequenceChangelog());
            PgCatalog.assertFails(c, UNDEFINED_TABLE, oldNextval);
            PgCatalog.assertWorks(c, insertByDefault); // the default holds the sequence's OID
            assertEquals(0, PgCatalog.count(c, "SELECT count(*) FROM users WHERE ref IS NULL"));

            // the note's claim: a compatibility view cannot stand in for a sequence
            pc.sql("CREATE VIEW users_ref_seq AS SELECT * FROM user_ref_seq");
            PgCatalog.assertFails(c, WRONG_OBJECT_TYPE, oldNextval);
        }
    }

    @Test
    void sequenceRenameRewriteRenamesOnlyOnceTheCodeNamesItNoMore(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(renameSequenceChangelog(), "rename-table");
        assertEquals(Severity.WARNING, finding.severity());
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        assertEquals(2, RewriteSteps.deployCount(finding));
        assertNull(RewriteSteps.deploy(finding, 1), "deploy 1 is code only");
        assertFalse(RewriteSteps.deploy(finding, 2).contains("CREATE VIEW"));
        // the code of deploy 1 inserts without naming the sequence: the column default draws the value
        String v1Insert = "INSERT INTO users (email, created_at, amount) VALUES ('v1@example.com', now(), 1)";
        String v2Nextval = "SELECT nextval('user_ref_seq')";
        try (ProofCase pc = withSequence(dir)) {
            Connection c = pc.connection();
            PgCatalog.assertWorks(c, v1Insert);
            pc.deploy("deploy-2.xml", RewriteSteps.deploy(finding, 2));
            PgCatalog.assertWorks(c, v1Insert, v2Nextval);
            assertTrue(PgCatalog.count(c, "SELECT count(*) FROM users WHERE email = 'v1@example.com' AND ref IS NOT NULL") == 2);
        }
    }

    @Test
    void sequenceDropRewriteWaitsForTheColumnDefault(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(Changelog.xml("""
                <changeSet id="ref-seq-drop" author="dev">
                  <dropSequence sequenceName="users_ref_seq"/>
                </changeSet>
                """), "drop-table");
        assertTrue(finding.message().contains("sequence users_ref_seq"), finding.message());
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        String drop = finding.plan().deploys().get(1).changeSets().get(0).statements().get(0);
        assertEquals("DROP SEQUENCE users_ref_seq", drop);
        try (ProofCase pc = withSequence(dir)) {
            Connection c = pc.connection();
            // the note's claim: the drop fails while a column default still calls nextval
            PgCatalog.assertFails(c, "2BP01", drop);
            pc.sql("ALTER TABLE users ALTER COLUMN ref DROP DEFAULT");
            pc.deploy("deploy-2.xml", RewriteSteps.deploy(finding, 2));
            PgCatalog.assertFails(c, UNDEFINED_TABLE, "SELECT nextval('users_ref_seq')");
        }
    }
}
