package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Hot-compatibility claims of rename-column, drop-column and rename-table: the original breaks the
 * statements of the version still running; with the plugin's rewrite each version's statements keep
 * working through every deploy until the deploy after which that version is gone.
 */
@ExtendWith(PgTestDatabase.class)
class RenameAndDropProofTest {

    static final int ROWS = 50_000;
    static final String UNDEFINED_COLUMN = "42703";
    static final String UNDEFINED_TABLE = "42P01";

    // The application versions, as the statements their ORM issues.
    static final String OLD_INSERT = "INSERT INTO users (email, created_at, amount) VALUES ('old@example.com', now(), 1)";
    static final String OLD_SELECT = "SELECT id, email, created_at, amount FROM users ORDER BY id LIMIT 10";

    static String renameColumnChangelog() {
        return Changelog.xml("""
                <changeSet id="users-email-rename" author="dev">
                  <renameColumn tableName="users" oldColumnName="email" newColumnName="email_address"/>
                </changeSet>
                """);
    }

    @Test
    void renameColumnBreaksTheRunningVersion(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            PgCatalog.assertWorks(pc.connection(), OLD_INSERT, OLD_SELECT);
            pc.deploy("changelog.xml", renameColumnChangelog());
            PgCatalog.assertFails(pc.connection(), UNDEFINED_COLUMN, OLD_INSERT, OLD_SELECT);
        }
    }

    @Test
    void renameColumnRewriteKeepsEveryVersionWorking(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(renameColumnChangelog(), "rename-column");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        assertEquals(5, RewriteSteps.deployCount(finding));
        // deploy 1's code: writes both, reads email; deploy 3's: reads email_address, writes both;
        // deploy 4's: email_address only.
        String v1Insert = "INSERT INTO users (email, email_address, created_at, amount) VALUES ('v1@example.com', 'v1@example.com', now(), 1)";
        String v1Select = OLD_SELECT;
        String v3Insert = v1Insert.replace("v1@", "v3@");
        String v3Select = "SELECT id, email_address FROM users ORDER BY id LIMIT 10";
        String v4Insert = "INSERT INTO users (email_address, created_at, amount) VALUES ('v4@example.com', now(), 1)";
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            Connection c = pc.connection();

            pc.deploy("deploy-1.xml", RewriteSteps.deploy(finding, 1));
            PgCatalog.assertWorks(c, OLD_INSERT, OLD_SELECT, v1Insert, v1Select);

            pc.deploy("deploy-2.xml", RewriteSteps.deploy(finding, 2));
            PgCatalog.assertWorks(c, v1Insert, v1Select, v3Insert, v3Select);
            assertEquals(0, PgCatalog.count(c, "SELECT count(*) FROM users WHERE email_address IS DISTINCT FROM email"),
                    "backfill copied every row, also the old version's");

            assertNull(RewriteSteps.deploy(finding, 3), "deploy 3 is a code change only");

            pc.deploy("deploy-4.xml", RewriteSteps.deploy(finding, 4));
            PgCatalog.assertWorks(c, v3Insert, v3Select, v4Insert, v3Select);

            pc.deploy("deploy-5.xml", RewriteSteps.deploy(finding, 5));
            PgCatalog.assertWorks(c, v4Insert, v3Select);
            PgCatalog.assertFails(c, UNDEFINED_COLUMN, OLD_SELECT);
        }
    }

    static String dropColumnChangelog() {
        return Changelog.xml("""
                <changeSet id="users-email-drop" author="dev">
                  <dropColumn tableName="users" columnName="email"/>
                </changeSet>
                """);
    }

    @Test
    void dropColumnBreaksTheRunningVersion(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            pc.deploy("changelog.xml", dropColumnChangelog());
            PgCatalog.assertFails(pc.connection(), UNDEFINED_COLUMN, OLD_INSERT, OLD_SELECT);
        }
    }

    @Test
    void dropColumnRewriteKeepsEveryVersionWorking(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(dropColumnChangelog(), "drop-column");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        assertEquals(2, RewriteSteps.deployCount(finding));
        String v1Insert = "INSERT INTO users (created_at, amount) VALUES (now(), 1)";
        String v1Select = "SELECT id, created_at, amount FROM users ORDER BY id LIMIT 10";
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            Connection c = pc.connection();
            String deploy1 = RewriteSteps.deploy(finding, 1);
            if (deploy1 != null) pc.deploy("deploy-1.xml", deploy1);
            PgCatalog.assertWorks(c, OLD_INSERT, OLD_SELECT, v1Insert, v1Select);

            pc.deploy("deploy-2.xml", RewriteSteps.deploy(finding, 2));
            PgCatalog.assertWorks(c, v1Insert, v1Select);
            assertEquals(Optional.empty(), PgCatalog.columnInfo(c, "users", "email"));
        }
    }

    static String renameTableChangelog() {
        return Changelog.xml("""
                <changeSet id="users-rename" author="dev">
                  <renameTable oldTableName="users" newTableName="customers"/>
                </changeSet>
                """);
    }

    @Test
    void renameTableBreaksTheRunningVersion(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            pc.deploy("changelog.xml", renameTableChangelog());
            PgCatalog.assertFails(pc.connection(), UNDEFINED_TABLE, OLD_INSERT, OLD_SELECT);
        }
    }

    @Test
    void renameTableRewriteKeepsTheOldVersionWorkingThroughTheView(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(renameTableChangelog(), "rename-table");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        assertEquals(2, RewriteSteps.deployCount(finding));
        String oldUpdate = "UPDATE users SET amount = amount + 1 WHERE email = 'old@example.com'";
        String newInsert = "INSERT INTO customers (email, created_at, amount) VALUES ('new@example.com', now(), 1)";
        String newSelect = "SELECT id, email FROM customers ORDER BY id LIMIT 10";
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            Connection c = pc.connection();

            pc.deploy("deploy-1.xml", RewriteSteps.deploy(finding, 1));
            PgCatalog.assertWorks(c, OLD_INSERT, OLD_SELECT, oldUpdate, newInsert, newSelect);
            assertEquals(1, PgCatalog.count(c, "SELECT count(*) FROM customers WHERE email = 'old@example.com'"),
                    "the old version's insert through the view landed in customers, with the table's id default");
            assertEquals(ROWS + 2, PgCatalog.count(c, "SELECT count(*) FROM users"));

            pc.deploy("deploy-2.xml", RewriteSteps.deploy(finding, 2));
            PgCatalog.assertWorks(c, newInsert, newSelect);
            PgCatalog.assertFails(c, UNDEFINED_TABLE, OLD_SELECT);
        }
    }
}
