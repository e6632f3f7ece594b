package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: modifyDataType (ALTER COLUMN TYPE) rewrites the table under ACCESS EXCLUSIVE, blocking writes; the
 * expand/contract rewrite never rewrites the original table, lets each deploy's application statements
 * work, and ends with the new column of the new type holding the values.
 */
@ExtendWith(PgTestDatabase.class)
class ChangeColumnTypeProofTest {
    static final int ROWS = 50_000;
    /** Deploy 1 and 2 code: writes both columns. */
    static final String WRITE_BOTH =
            "INSERT INTO users (email, created_at, amount, amount_bigint) VALUES ('both@example.com', now(), 7, 7)";
    /** Deploy 3 code: only the new column. */
    static final String WRITE_NEW =
            "INSERT INTO users (email, created_at, amount_bigint) VALUES ('new@example.com', now(), 8)";

    static String originalChangelog() {
        return originalChangelog("bigint");
    }

    /** {@code newDataType} is bigint for PostgreSQL, however the changelog spells it. */
    static String originalChangelog(String newDataType) {
        return Changelog.xml("""
                <changeSet id="users-amount-bigint" author="dev">
                  <modifyDataType tableName="users" columnName="amount" newDataType="%s"/>
                </changeSet>
                """.formatted(newDataType));
    }

    @Test
    void typeChangeRewritesTheTableAndBlocksWrites(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            long before = PgCatalog.relfilenode(pc.connection(), "users");
            LockProbe.Result r = pc.probe("users", ColumnProofs.OLD_INSERT)
                    .during(pc.deployment("changelog.xml", originalChangelog()));
            System.out.println("[proof] modifyDataType: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertNotEquals(before, PgCatalog.relfilenode(pc.connection(), "users"), "the table was rewritten");
            assertEquals("bigint", PgCatalog.columnInfo(pc.connection(), "users", "amount").orElseThrow().type());
        }
    }

    /** Also with a JDBC type name: the rewrite is built from the type Liquibase deploys (bigint), not the name. */
    @ParameterizedTest
    @ValueSource(strings = {"bigint", "java.sql.Types.BIGINT", "int8"})
    void expandContractKeepsTheTableAndEveryVersionWorking(String newDataType, @TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(originalChangelog(newDataType), "change-column-type", ColumnProofs.TARGET);
        assertTrue(finding.why().contains("old type of users.amount is unknown"), finding.why());
        PluginRewrite.assertRewriteLintsClean(finding, ColumnProofs.TARGET);
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("users", ROWS);
            long before = PgCatalog.relfilenode(pc.connection(), "users");
            for (int i = 0; i < steps.size(); i++) {
                PluginRewrite.Step step = steps.get(i);
                String file = step.changeSetId() + ".xml";
                if (ColumnProofs.isBackfill(step)) {
                    LockProbe.Result r = pc.probe("users", WRITE_BOTH).during(pc.deployment(file, step.changelog()));
                    System.out.println("[proof] copy to amount_bigint: " + r);
                    r.assertNotBlocked(LockProbe.BLOCKS_WRITES, 3);
                } else {
                    pc.deploy(file, step.changelog());
                }
                assertEquals(before, PgCatalog.relfilenode(pc.connection(), "users"),
                        "step " + step.changeSetId() + " rewrote the table");
                boolean deployDone = i + 1 == steps.size() || steps.get(i + 1).deploy() != step.deploy();
                if (!deployDone) continue;
                // during the rollout that follows this deploy's migration, the previous and the new code run
                List<String> live = switch (step.deploy()) {
                    case 1 -> List.of(ColumnProofs.OLD_INSERT, WRITE_BOTH);
                    case 2 -> List.of(WRITE_BOTH);
                    case 3 -> List.of(WRITE_BOTH, WRITE_NEW);
                    default -> List.of(WRITE_NEW);
                };
                for (String sql : live) {
                    assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), sql),
                            "after deploy " + step.deploy() + ": " + sql);
                }
            }
            assertEquals(Optional.empty(), PgCatalog.columnInfo(pc.connection(), "users", "amount"), "old column dropped");
            assertEquals("bigint", PgCatalog.columnInfo(pc.connection(), "users", "amount_bigint").orElseThrow().type());
            // the old version's row from deploy 1's rollout was copied by the backfill too
            assertEquals(0, PgCatalog.count(pc.connection(),
                    "SELECT count(*) FROM users WHERE amount_bigint IS NULL"), "every row copied");
        }
    }

    /** Rows whose code is not a number: the changeset deletes them before the type change. */
    static final int UNCONVERTIBLE = ROWS / 100;

    static String cleanupChangelog() {
        return Changelog.xml("""
                <changeSet id="users-code-bigint" author="dev">
                  <delete tableName="users">
                    <where>code !~ '^[0-9]+$'</where>
                  </delete>
                  <modifyDataType tableName="users" columnName="code" newDataType="bigint"/>
                </changeSet>
                """);
    }

    private static void seedCodes(ProofCase pc) throws Exception {
        pc.seed("users", ROWS);
        pc.sql("ALTER TABLE users ADD COLUMN code varchar(20)");
        pc.sql("UPDATE users SET code = CASE WHEN id % 100 = 0 THEN 'n/a' ELSE id::text END");
    }

    @Test
    void theDeleteBeforeATypeChangeIsKeptSoTheBackfillWorks(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(cleanupChangelog(), "change-column-type", ColumnProofs.TARGET);
        PluginRewrite.assertRewriteLintsClean(finding, ColumnProofs.TARGET);
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        assertEquals("users-code-bigint-data", steps.get(0).changeSetId(), "the DELETE comes first, in a changeset of its own");
        try (ProofCase pc = ProofCase.create(dir.resolve("rewrite"))) {
            seedCodes(pc);
            for (PluginRewrite.Step step : steps) pc.deploy(step.changeSetId() + ".xml", step.changelog());
            assertEquals(Optional.empty(), PgCatalog.columnInfo(pc.connection(), "users", "code"), "old column dropped");
            assertEquals("bigint", PgCatalog.columnInfo(pc.connection(), "users", "code_bigint").orElseThrow().type());
            assertEquals(ROWS - UNCONVERTIBLE, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users"),
                    "the unconvertible rows are gone, as the original changeset deletes them");
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE code_bigint IS NULL"));
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE code_bigint <> id"));
        }
        // control: the same rewrite without the kept DELETE fails at its backfill
        try (ProofCase pc = ProofCase.create(dir.resolve("without-delete"))) {
            seedCodes(pc);
            Exception failure = null;
            for (PluginRewrite.Step step : steps.subList(1, steps.size())) {
                try {
                    pc.deploy(step.changeSetId() + ".xml", step.changelog());
                } catch (Exception e) {
                    failure = e;
                    assertTrue(ColumnProofs.isBackfill(step), "failed at " + step.changeSetId() + ": " + e);
                    break;
                }
            }
            assertTrue(failure != null, "without the DELETE the backfill must meet the unconvertible rows");
        }
    }

    /** A table Liquibase creates from Liquibase type names, then their no-op and binary-coercible changes. */
    static final String LIQUIBASE_TYPES_TABLE = """
            <changeSet id="articles" author="dev">
              <createTable tableName="articles">
                <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                <column name="title" type="varchar(255)"/>
                <column name="body" type="text"/>
                <column name="summary" type="nvarchar(100)"/>
                <column name="published_at" type="datetime"/>
                <column name="slug" type="java.sql.Types.VARCHAR(10)"/>
              </createTable>
              <createIndex tableName="articles" indexName="articles_title_idx"><column name="title"/></createIndex>
            </changeSet>
            """;
    static final String LIQUIBASE_TYPE_CHANGES = """
            <changeSet id="articles-types" author="dev">
              <modifyDataType tableName="articles" columnName="title" newDataType="clob"/>
              <modifyDataType tableName="articles" columnName="body" newDataType="longtext"/>
              <modifyDataType tableName="articles" columnName="summary" newDataType="nvarchar(200)"/>
              <modifyDataType tableName="articles" columnName="published_at" newDataType="timestamp"/>
              <modifyDataType tableName="articles" columnName="slug" newDataType="varchar(20)"/>
            </changeSet>
            """;

    /**
     * Claim: the Liquibase-name pairs hotcompat leaves unflagged (varchar to clob, text to longtext, nvarchar
     * growth, datetime to timestamp, a JDBC varchar's growth) change only the catalog on PostgreSQL 15 when
     * Liquibase applies them: neither the table nor its index is rewritten.
     */
    @Test
    void liquibaseNamePairsHotcompatPassesAreCatalogOnly(@TempDir Path dir) throws Exception {
        Path lint = java.nio.file.Files.createTempDirectory("hotcompat-proof-lint");
        java.nio.file.Files.writeString(lint.resolve("changelog.xml"),
                Changelog.xml(LIQUIBASE_TYPES_TABLE + LIQUIBASE_TYPE_CHANGES));
        List<Finding> findings = new io.github.hotcompat.analysis.Analyzer().analyze(
                new io.github.hotcompat.analysis.AnalysisConfig(lint, List.of(lint), "changelog.xml",
                        getClass().getClassLoader(), ColumnProofs.TARGET, java.util.Map.of(),
                        io.github.hotcompat.analysis.Baseline.of(List.of("changelog.xml::articles::dev"))))
                .findings().stream().filter(f -> f.ruleId().equals("change-column-type")).toList();
        assertEquals(List.of(), findings, "hotcompat passes these pairs");

        try (ProofCase pc = ProofCase.create(dir)) {
            pc.deploy("changelog.xml", Changelog.xml(LIQUIBASE_TYPES_TABLE));
            pc.sql("INSERT INTO articles SELECT g, 'title ' || g, repeat('b', 50), 'summary', now(), 's' || (g % 1000)"
                    + " FROM generate_series(1, 20000) g");
            long table = PgCatalog.relfilenode(pc.connection(), "articles");
            long index = PgCatalog.relfilenode(pc.connection(), "articles_title_idx");
            pc.deploy("changelog.xml", Changelog.xml(LIQUIBASE_TYPES_TABLE + LIQUIBASE_TYPE_CHANGES));
            assertEquals("text", PgCatalog.columnInfo(pc.connection(), "articles", "title").orElseThrow().type());
            assertEquals("character varying(200)",
                    PgCatalog.columnInfo(pc.connection(), "articles", "summary").orElseThrow().type());
            assertEquals("character varying(20)", PgCatalog.columnInfo(pc.connection(), "articles", "slug").orElseThrow().type());
            assertEquals(table, PgCatalog.relfilenode(pc.connection(), "articles"), "articles was rewritten");
            assertEquals(index, PgCatalog.relfilenode(pc.connection(), "articles_title_idx"), "the index was rebuilt");
        }
    }
}
