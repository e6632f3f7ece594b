package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.hotcompat.dialect.Target;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: modifyDataType (ALTER COLUMN TYPE) rewrites the table under ACCESS EXCLUSIVE, blocking writes; the
 * shadow-column plan never rewrites the original table, never blocks writes in its long steps, keeps the running
 * version's unchanged statements working after every deploy, and ends at the original's columns.
 */
@ExtendWith(PgTestDatabase.class)
class ChangeColumnTypeProofTest {
    static final int ROWS = 50_000;
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

    /** A table the changelog creates (deployed): a primary key, a NOT NULL column with a default and an index. */
    static final String ACCOUNTS = """
            <changeSet id="accounts" author="dev">
              <createTable tableName="accounts">
                <column name="id" type="int"><constraints primaryKey="true"/></column>
                <column name="amount" type="int" defaultValueNumeric="0"><constraints nullable="false"/></column>
                <column name="email" type="varchar(100)"/>
              </createTable>
              <createIndex tableName="accounts" indexName="accounts_amount_idx"><column name="amount"/></createIndex>
            </changeSet>
            """;
    static final String ACCOUNTS_BIGINT = """
            <changeSet id="accounts-bigint" author="%s">
              <modifyDataType tableName="accounts" columnName="id" newDataType="bigint"/>
              <modifyDataType tableName="accounts" columnName="amount" newDataType="%s"/>
            </changeSet>
            """;
    static final Target ACCOUNTS_TARGET = new Target("postgresql", 15, 100_000, Map.of("accounts", 5_000_000L), false);
    /** What the running version does, before, during and after the plan: it knows only accounts' own columns. */
    static final List<String> RUNNING = List.of(
            "INSERT INTO accounts (id, amount, email) SELECT coalesce(max(id), 0) + 1, 5, 'old@example.com' FROM accounts",
            "INSERT INTO accounts (id, email) SELECT coalesce(max(id), 0) + 1, 'default@example.com' FROM accounts",
            "UPDATE accounts SET amount = amount + 1 WHERE id = 1");

    private static Finding accountsFinding(String newDataType) throws Exception {
        Path lint = java.nio.file.Files.createTempDirectory("hotcompat-proof-lint");
        java.nio.file.Files.writeString(lint.resolve("changelog.xml"),
                Changelog.xml(ACCOUNTS + ACCOUNTS_BIGINT.formatted("dev", newDataType)));
        List<Finding> found = new io.github.hotcompat.analysis.Analyzer().analyze(
                new io.github.hotcompat.analysis.AnalysisConfig(lint, List.of(lint), "changelog.xml",
                        ChangeColumnTypeProofTest.class.getClassLoader(), ACCOUNTS_TARGET, Map.of(),
                        io.github.hotcompat.analysis.Baseline.of(List.of("changelog.xml::accounts::dev"))))
                .findings().stream().filter(f -> f.ruleId().equals("change-column-type")).toList();
        assertEquals(2, found.size(), "id and amount: " + found);
        assertTrue(found.get(0).plan() == found.get(1).plan(), "both findings carry the one plan");
        return found.get(0);
    }

    private static void seedAccounts(ProofCase pc) throws Exception {
        pc.deploy("accounts.xml", Changelog.xml(ACCOUNTS));
        pc.sql("INSERT INTO accounts (id, amount, email) SELECT g, g % 1000, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
        pc.sql("ANALYZE accounts");
    }

    /** The columns and indexes of accounts as the proofs compare them: type, NOT NULL, default; index definitions. */
    private static List<String> accountsShape(ProofCase pc) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String column : List.of("id", "amount", "email")) {
            out.add(column + ": " + PgCatalog.columnInfo(pc.connection(), "accounts", column).orElseThrow());
        }
        for (String index : List.of("accounts_pkey", "accounts_amount_idx")) {
            out.add(PgCatalog.indexDefinition(pc.connection(), index).replace(pc.schema().name() + ".", ""));
        }
        out.add("primary key: " + PgCatalog.count(pc.connection(), "SELECT count(*) FROM pg_constraint WHERE contype = 'p'"
                + " AND conname = 'accounts_pkey' AND conrelid = '" + pc.schema().name() + ".accounts'::regclass"));
        out.add("columns: " + PgCatalog.count(pc.connection(), "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = '" + pc.schema().name() + "' AND table_name = 'accounts'"));
        return out;
    }

    /**
     * Also with a JDBC type name. Claim: the plan (shadow column fed by a trigger, batched backfill, NOT NULL via a
     * check, concurrent indexes, one short swap, then the drop) never rewrites accounts, never blocks the running
     * version's writes in its long steps, lets the same unchanged statements of the running version work after every
     * deploy, and ends with id and amount as the original leaves them: type, NOT NULL, default, primary key, index.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bigint", "java.sql.Types.BIGINT"})
    void shadowColumnPlanEndsAtTheOriginalsColumnsWithoutBlocking(String newDataType, @TempDir Path dir) throws Exception {
        Finding finding = accountsFinding(newDataType);
        List<PluginRewrite.Step> steps = PluginRewrite.steps(finding);
        List<String> expected;
        try (ProofCase pc = ProofCase.create(dir.resolve("original"))) {
            seedAccounts(pc);
            pc.deploy("accounts.xml", Changelog.xml(ACCOUNTS + ACCOUNTS_BIGINT.formatted("dev", newDataType)));
            expected = accountsShape(pc);
        }
        assertTrue(expected.contains("id: " + new PgCatalog.ColumnInfo("bigint", true, null)), expected.toString());
        try (ProofCase pc = ProofCase.create(dir.resolve("plan"))) {
            seedAccounts(pc);
            long before = PgCatalog.relfilenode(pc.connection(), "accounts");
            for (int i = 0; i < steps.size(); i++) {
                PluginRewrite.Step step = steps.get(i);
                String file = step.changeSetId() + ".xml";
                String sql = step.changelog();
                if (ColumnProofs.isBackfill(step)) {
                    LockProbe.Result r = pc.probe("accounts", RUNNING.get(0)).during(pc.deployment(file, sql));
                    System.out.println("[proof] shadow backfill: " + r);
                    r.assertNotBlocked(LockProbe.BLOCKS_WRITES, 3);
                } else if (sql.contains("CONCURRENTLY") || sql.contains("VALIDATE CONSTRAINT")) {
                    LockProbe.Result r = pc.probe("accounts", RUNNING.get(0)).during(pc.deployment(file, sql));
                    System.out.println("[proof] " + step.changeSetId() + ": " + r);
                    assertTrue(!r.probeBlocked() && !r.migrationHeldAnyOf(LockProbe.BLOCKS_WRITES), step.changeSetId() + ": " + r);
                } else {
                    pc.deploy(file, sql);
                }
                assertEquals(before, PgCatalog.relfilenode(pc.connection(), "accounts"), "step " + step.changeSetId() + " rewrote accounts");
                boolean deployDone = i + 1 == steps.size() || steps.get(i + 1).deploy() != step.deploy();
                if (!deployDone) continue;
                for (String running : RUNNING) {
                    assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), running),
                            "after deploy " + step.deploy() + ", unchanged code: " + running);
                }
            }
            assertEquals(expected, accountsShape(pc), "the plan ends where the original changeset does");
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM accounts WHERE id BETWEEN 2 AND " + ROWS
                    + " AND amount <> id % 1000"), "every value converted, none lost");
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
            assertEquals(Optional.empty(), PgCatalog.columnInfo(pc.connection(), "users", "code_for_type_change"),
                    "the old values dropped");
            assertEquals("bigint", PgCatalog.columnInfo(pc.connection(), "users", "code").orElseThrow().type());
            assertEquals(ROWS - UNCONVERTIBLE, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users"),
                    "the unconvertible rows are gone, as the original changeset deletes them");
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE code IS NULL"));
            assertEquals(0, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users WHERE code <> id"));
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
