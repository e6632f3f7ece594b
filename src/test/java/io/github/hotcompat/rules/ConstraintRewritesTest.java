package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.PlanRenderer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewrites carry the real names, PostgreSQL's generated constraint names, and render runnable changesets. */
class ConstraintRewritesTest {

    private static String rendered(String fixture, String ruleId, String changeSetId) throws Exception {
        AnalysisResult r = FixtureRunner.analyze(Path.of("src/test/resources/fixtures", fixture));
        Finding f = r.findings().stream().filter(x -> x.ruleId().equals(ruleId) && x.changeSetId().equals(changeSetId))
                .findFirst().orElseThrow();
        var format = r.changeSets().stream().filter(c -> c.id().equals(changeSetId)).findFirst().orElseThrow().format();
        return PlanRenderer.render(f.plan(), format);
    }

    @Test
    void unnamedForeignKeyGetsPostgresNameAndKeepsItsActions() throws Exception {
        String text = rendered("add-foreign-key/changes.xml", "add-foreign-key", "5");
        assertTrue(text.contains("ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE SET NULL NOT VALID"), text);
        assertTrue(text.contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey"), text);
    }

    @Test
    void inlineReferenceBecomesPlainColumnPlusNotValidConstraint() throws Exception {
        String text = rendered("add-foreign-key/changes.sql", "add-foreign-key", "5");
        assertTrue(text.contains("ALTER TABLE orders ADD COLUMN referrer_id bigint;"), text);
        assertTrue(text.contains("FOREIGN KEY (referrer_id) REFERENCES users NOT VALID;"), text);
    }

    @Test
    void checkExpressionIsKeptAsWritten() throws Exception {
        String text = rendered("add-check-constraint/changes.xml", "add-check-constraint", "8");
        assertTrue(text.contains("CHECK (balance &gt;= 0) NOT VALID"), text);
    }

    @Test
    void renameColumnBackfillIsPassedWholeToLiquibase() throws Exception {
        String xml = rendered("rename-column/changes.xml", "rename-column", "2");
        assertTrue(xml.contains("runInTransaction=\"false\""), xml);
        assertTrue(xml.contains("<sql splitStatements=\"false\">DO $$"), xml);
        String sql = rendered("rename-column/changes.sql", "rename-column", "2");
        assertTrue(sql.contains("--changeset ana:2-email_address-backfill runInTransaction:false splitStatements:false"), sql);
        assertTrue(sql.contains("ALTER TABLE users ALTER COLUMN email DROP NOT NULL"), "email was NOT NULL: " + sql);
    }

    @Test
    void uniqueAndPrimaryKeyAttachAConcurrentIndex() throws Exception {
        String unique = rendered("add-unique-constraint/changes.xml", "add-unique-constraint", "3");
        assertTrue(unique.contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_name_key ON users (email, name)"), unique);
        assertTrue(unique.contains("ADD CONSTRAINT users_email_name_key UNIQUE USING INDEX users_email_name_key"), unique);
        String pk = rendered("add-primary-key/changes.xml", "add-primary-key", "2");
        assertTrue(pk.contains("CHECK (id IS NOT NULL) NOT VALID"), pk);
        assertTrue(pk.contains("ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey"), pk);
    }
}
