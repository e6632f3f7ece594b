package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: adding a NOT NULL column without a default fails on a filled table, and on an empty one makes the
 * still-running old version's INSERT fail; through the rewrite's deploys the old INSERT keeps working for as
 * long as the old version can be live, and the column ends NOT NULL.
 */
@ExtendWith(PgTestDatabase.class)
class AddRequiredColumnProofTest {
    static final int ROWS = 20_000;
    static final String NOT_NULL_VIOLATION = "23502";
    static final String NEW_INSERT =
            "INSERT INTO users (email, created_at, amount, tenant_id) VALUES ('new@example.com', now(), 1, 42)";

    static String originalChangelog() {
        return Changelog.xml("""
                <changeSet id="users-tenant" author="dev">
                  <addColumn tableName="users">
                    <column name="tenant_id" type="bigint"><constraints nullable="false"/></column>
                  </addColumn>
                </changeSet>
                """);
    }

    @Test
    void failsOnAFilledTable(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            Exception e = assertThrows(Exception.class, () -> pc.deploy("changelog.xml", originalChangelog()));
            assertTrue(causes(e).contains("contains null values"), causes(e));
        }
    }

    @Test
    void onAnEmptyTableTheOldVersionsInsertFails(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", 0);
            assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), ColumnProofs.OLD_INSERT));
            pc.sql("TRUNCATE users");
            pc.deploy("changelog.xml", originalChangelog());
            assertEquals(Optional.of(NOT_NULL_VIOLATION), PgCatalog.sqlStateOf(pc.connection(), ColumnProofs.OLD_INSERT));
        }
    }

    @Test
    void throughTheRewriteTheOldInsertKeepsWorkingWhileTheOldVersionCanRun(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(originalChangelog(), "add-required-column", ColumnProofs.TARGET);
        PluginRewrite.assertRewriteLintsClean(finding, ColumnProofs.TARGET);
        assertEquals(4, finding.plan().deploys().size());
        assertTrue(finding.plan().deploys().get(1).changeSets().isEmpty()
                && finding.plan().deploys().get(1).codeChange() != null, "deploy 2 ships the code that writes it");
        // the value for existing rows is the user's: a property the plan declares as required, never a bare ${...}
        assertEquals(1, finding.plan().properties().size(), finding.plan().properties().toString());
        Plan.Property required = finding.plan().properties().get(0);
        assertEquals("users_tenant_id_backfill", required.name());
        assertTrue(required.required(), "no safe default for the existing rows' value");
        assertTrue(finding.rewrite().contains("Required property: users_tenant_id_backfill"), finding.rewrite());
        String declared = PlanRenderer.property(new Plan.Property(required.name(), "0", required.description()),
                ChangeLogFormat.XML);
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            long before = PgCatalog.relfilenode(pc.connection(), "users");
            for (PluginRewrite.Step step : steps) {
                // the user's value for existing rows, given as the changelog property the rewrite names
                String changelog = step.changelog().replaceFirst("(dbchangelog-latest.xsd\">)",
                        "$1\n" + java.util.regex.Matcher.quoteReplacement(declared));
                pc.deploy(step.changeSetId() + ".xml", changelog);
                assertEquals(before, PgCatalog.relfilenode(pc.connection(), "users"), step.changeSetId());
                // after deploy 1, and through deploy 2 (application only), old and new code run side by side;
                // from deploy 3 on, the old version is gone and the new one writes tenant_id
                List<String> live = step.deploy() == 1 ? List.of(ColumnProofs.OLD_INSERT, NEW_INSERT) : List.of(NEW_INSERT);
                for (String sql : live) {
                    assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), sql),
                            "after " + step.changeSetId() + ": " + sql);
                }
            }
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "tenant_id").orElseThrow().notNull());
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE tenant_id IS NULL"));
            // enforced now that no old version is left
            assertEquals(Optional.of(NOT_NULL_VIOLATION), PgCatalog.sqlStateOf(pc.connection(), ColumnProofs.OLD_INSERT));
        }
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) sb.append(c.getMessage()).append(" | ");
        return sb.toString();
    }
}
