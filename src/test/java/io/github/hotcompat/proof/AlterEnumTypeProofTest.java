package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims of alter-enum-type: after RENAME VALUE the running version's INSERT of the old label fails;
 * a value added and used in one transaction fails the deploy (55P04); the plan (the value alone in a
 * changeset, committed before its use) deploys.
 */
@ExtendWith(PgTestDatabase.class)
class AlterEnumTypeProofTest {
    static final String SETUP = "CREATE TYPE order_status AS ENUM ('new', 'shipped')";
    static final String TABLE = "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL DEFAULT 'new')";
    /** What the running version keeps sending. */
    static final String RUNNING_INSERT = "INSERT INTO orders (id, status) VALUES (1, 'shipped')";

    static String addAndUse() {
        return Changelog.xml("""
                <changeSet id="refunded" author="dev">
                  <sql>ALTER TYPE order_status ADD VALUE 'refunded'</sql>
                  <sql>UPDATE orders SET status = 'refunded' WHERE id &lt; 0</sql>
                </changeSet>
                """);
    }

    static ProofCase withEnum(Path dir) throws Exception {
        ProofCase pc = ProofCase.create(dir);
        pc.sql(SETUP).sql(TABLE);
        return pc;
    }

    @Test
    void renameValueBreaksTheRunningVersionsInsert(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="rename" author="dev">
                  <sql>ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent'</sql>
                </changeSet>
                """);
        PluginRewrite.finding(changelog, "alter-enum-type");
        try (ProofCase pc = withEnum(dir)) {
            pc.sql(RUNNING_INSERT).sql("DELETE FROM orders");
            pc.deploy("changelog.xml", changelog);
            SQLException e = assertThrows(SQLException.class, () -> pc.sql(RUNNING_INSERT));
            System.out.println("[proof] INSERT of the old label after RENAME VALUE: " + e.getSQLState() + " " + e.getMessage());
            assertEquals("22P02", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void newValueUsedInItsTransactionFailsTheDeploy(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(addAndUse(), "alter-enum-type");
        assertTrue(finding.why().contains("55P04"), finding.why());
        try (ProofCase pc = withEnum(dir)) {
            Throwable failure = assertThrows(Throwable.class, () -> pc.deploy("changelog.xml", addAndUse()));
            String state = sqlState(failure);
            System.out.println("[proof] ADD VALUE then its use in one changeset: " + state);
            assertEquals("55P04", state, String.valueOf(failure));
        }
    }

    @Test
    void rewriteCommitsTheValueBeforeItsUse(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(addAndUse(), "alter-enum-type");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        assertEquals(2, steps.size(), "the value alone, then its use: " + steps);
        assertTrue(steps.get(0).changelog().contains("ADD VALUE 'refunded'"), steps.get(0).changelog());
        try (ProofCase pc = withEnum(dir)) {
            for (PluginRewrite.Step step : steps) pc.deploy("step-" + step.changeSetId() + ".xml", step.changelog());
            pc.sql("INSERT INTO orders (id, status) VALUES (2, 'refunded')");
        }
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null) return s.getSQLState();
        }
        return null;
    }
}
