package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityScanner;
import io.github.hotcompat.entity.MappedColumn;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.rules.EntitySources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drop or rename that both a hot-compatibility rule and an entity rule flag gets one plan, from one
 * recipe: every finding of the changeset carries it; deployed deploy by deploy on a seeded table, the
 * INSERT and SELECT of every application version running at that point work (built from the scanned
 * entity of that version, as Hibernate builds them); the end schema is the original changeset's; and
 * each deploy, linted with the earlier ones deployed and the entities of the version then running,
 * has no finding but the hot-compatibility warning that the plan's own application step answers.
 */
@ExtendWith(PgTestDatabase.class)
class ComposedCompatPlanProofTest {
    static final int ROWS = 20_000;

    @TempDir
    Path work;

    static String entity(String table, String fields) {
        return """
                package shop;
                import jakarta.persistence.*;
                import java.math.BigDecimal;
                import java.time.OffsetDateTime;
                @Entity @Table(name = "%s")
                public class User {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
                    %s
                    @Column(name = "created_at") private OffsetDateTime createdAt;
                    private BigDecimal amount;
                }
                """.formatted(table, fields);
    }

    EntityModel scan(String name, String source) throws Exception {
        Path classes = EntitySources.compile(work.resolve("entities-" + name), Map.of("shop/User.java", source));
        return new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
    }

    /** The INSERT and SELECT Hibernate issues for the entity: every mapped column (the identity key aside for the INSERT). */
    static List<String> statementsOf(EntityModel model) {
        String table = model.tables().get(0).name();
        List<String> columns = model.columnsOf(table).stream().map(MappedColumn::name)
                .filter(c -> !c.equals("id")).sorted().toList();
        String values = columns.stream().map(c -> switch (c) {
            case "email", "email_address" -> "'probe@example.com'";
            case "created_at" -> "now()";
            case "amount" -> "1";
            default -> throw new IllegalStateException("unexpected mapped column " + c);
        }).collect(Collectors.joining(", "));
        return List.of("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + values + ")",
                "SELECT id, " + String.join(", ", columns) + " FROM " + table + " ORDER BY id LIMIT 10");
    }

    static void assertVersionsWork(Connection c, EntityModel... running) throws Exception {
        for (EntityModel m : running) PgCatalog.assertWorks(c, statementsOf(m).toArray(String[]::new));
    }

    List<Finding> lint(String name, String changelogXml, EntityModel model, List<String> deployed) throws Exception {
        Path dir = Files.createDirectories(work.resolve("lint-" + name));
        Files.writeString(dir.resolve("changelog.xml"), changelogXml);
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                        getClass().getClassLoader(), Target.postgres(), Map.of(), Baseline.of(deployed))
                        .withEntities(model, EntityExcludes.NONE))
                .findings().stream().filter(f -> !f.suppressed()).toList();
    }

    /** The findings of the original changeset: the rules named, and every one carrying the same plan. */
    Plan onePlan(String changelogXml, EntityModel running, String... ruleIds) throws Exception {
        List<Finding> found = lint("original", changelogXml, running, List.of());
        Set<String> ids = found.stream().map(Finding::ruleId).collect(Collectors.toSet());
        for (String id : ruleIds) assertTrue(ids.contains(id), id + " not among " + found);
        Plan plan = found.get(0).plan();
        for (Finding f : found) assertEquals(plan, f.plan(), "the plan of " + f.ruleId() + " differs from " + found.get(0).ruleId() + "'s");
        assertEquals(1, found.stream().map(Finding::rewrite).distinct().count(), "one rendered plan");
        return plan;
    }

    static String deployChangelog(Plan.Deploy deploy) {
        return Changelog.xml(deploy.changeSets().stream().map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML))
                .collect(Collectors.joining("\n")));
    }

    /**
     * Lints deploy {@code n} (0-based) with the deploys before it deployed, against the entities of the
     * version running then; only {@code allowed} rule ids may be found, and only in a deploy that comes
     * after an application step.
     */
    void assertDeployLints(Plan plan, int n, EntityModel running, List<String> deployed, Set<String> allowed) throws Exception {
        Plan.Deploy deploy = plan.deploys().get(n);
        List<Finding> found = lint("deploy-" + (n + 1), deployChangelog(deploy), running, deployed);
        boolean afterApplicationStep = plan.deploys().subList(0, n).stream().anyMatch(d -> d.codeChange() != null);
        List<Finding> unexpected = found.stream()
                .filter(f -> !(afterApplicationStep && allowed.contains(f.ruleId()))).toList();
        assertEquals(List.of(), unexpected, "deploy " + (n + 1) + " of the plan is flagged:\n" + deployChangelog(deploy));
        for (Plan.PlanChangeSet cs : deploy.changeSets()) deployed.add("changelog.xml::" + cs.id() + "::" + cs.author());
    }

    /** Tables and views of the schema with their columns, and the indexes: what a plan must end at. */
    static Set<String> schemaOf(Connection c) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod),"
                    + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v')"
                    + " AND c.relname NOT LIKE 'databasechangelog%' AND a.attnum > 0 AND NOT a.attisdropped")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "(" + rs.getString(2) + ")." + rs.getString(3) + " " + rs.getString(4)
                            + (rs.getBoolean(5) ? " NOT NULL" : "") + (rs.getString(6) == null ? "" : " DEFAULT " + rs.getString(6)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename NOT LIKE 'databasechangelog%'")) {
                while (rs.next()) out.add(rs.getString(1).replace(" " + "ONLY ", " ").replaceAll("\\b\\w+\\.", ""));
            }
        }
        return out;
    }

    Set<String> originalSchema(String changelogXml) throws Exception {
        try (ProofCase pc = ProofCase.create(work.resolve("original-db"))) {
            pc.seed("users", 10);
            pc.deploy("changelog.xml", changelogXml);
            return schemaOf(pc.connection());
        }
    }

    // ---- rename-column + column-still-mapped -------------------------------------------------

    @Test
    void renamedMappedColumnGetsOneExpandContract() throws Exception {
        String original = Changelog.xml("""
                <changeSet id="users-email-rename" author="dev">
                  <renameColumn tableName="users" oldColumnName="email" newColumnName="email_address"/>
                </changeSet>
                """);
        EntityModel v0 = scan("v0", entity("users", "private String email;"));
        // writes both, reads email (then reads email_address: same mapping); then email_address only
        EntityModel both = scan("both", entity("users",
                "private String email; @Column(name = \"email_address\") private String emailAddress;"));
        EntityModel v4 = scan("v4", entity("users", "@Column(name = \"email_address\") private String email;"));

        Plan plan = onePlan(original, v0, "rename-column", "column-still-mapped", "missing-lock-timeout");
        List<Plan.Deploy> d = plan.deploys();
        assertEquals(5, d.size(), PlanRenderer.render(plan, ChangeLogFormat.XML));
        long adds = d.stream().flatMap(x -> x.changeSets().stream()).flatMap(cs -> cs.statements().stream())
                .filter(s -> s.contains("ADD COLUMN email_address")).count();
        assertEquals(1, adds, "one expand/contract: " + PlanRenderer.render(plan, ChangeLogFormat.XML));
        assertTrue(d.get(0).codeChange().contains("field email of entity shop.User"), d.get(0).codeChange());
        assertNull(d.get(1).codeChange(), "the backfill needs no new code");
        assertTrue(d.get(1).changeSets().get(0).statements().get(0).startsWith("DO $$"), "the batched backfill");
        assertTrue(d.get(2).changeSets().isEmpty(), "switching reads is an application step only");

        deployRenameStepByStep(original, plan, v0, both, v4);
    }

    /**
     * Deploys the five deploys of an email to email_address expand/contract: {@code v0} runs before the
     * first, {@code both} (writes both columns) from the expand to the stop-writing deploy, {@code v4}
     * (email_address only) after it.
     */
    void deployRenameStepByStep(String original, Plan plan, EntityModel v0, EntityModel both, EntityModel v4) throws Exception {
        List<Plan.Deploy> d = plan.deploys();
        Set<String> expected = originalSchema(original);
        List<String> deployed = new ArrayList<>();
        try (ProofCase pc = ProofCase.create(work.resolve("db"))) {
            pc.seed("users", ROWS);
            Connection c = pc.connection();
            EntityModel[] before = {v0, both, both, both, v4};
            EntityModel[] runningAfter = {both, both, both, v4, v4};
            EntityModel[] lintedWith = {v0, both, both, v4, v4};
            for (int n = 0; n < d.size(); n++) {
                assertDeployLints(plan, n, lintedWith[n], deployed, Set.of("drop-column"));
                if (!d.get(n).changeSets().isEmpty()) pc.deploy("deploy-" + (n + 1) + ".xml", deployChangelog(d.get(n)));
                assertVersionsWork(c, before[n], runningAfter[n]);
                if (n == 1) {
                    assertEquals(0, PgCatalog.count(c, "SELECT count(*) FROM users WHERE email_address IS DISTINCT FROM email"),
                            "the backfill copied every row");
                }
            }
            assertEquals(expected, schemaOf(c), "the plan ends at the original's schema");
        }
    }

    @Test
    void renameWithOtherChangesShipsThemInTheExpandDeploy() throws Exception {
        String original = Changelog.xml("""
                <changeSet id="users-email-rename" author="dev">
                  <comment>email becomes email_address for the new API</comment>
                  <renameColumn tableName="users" oldColumnName="email" newColumnName="email_address"/>
                  <createIndex tableName="users" indexName="users_email_address_idx"><column name="email_address"/></createIndex>
                  <addColumn tableName="users"><column name="note" type="text"/></addColumn>
                </changeSet>
                """);
        EntityModel v0 = scan("v0", entity("users", "private String email;"));
        EntityModel both = scan("both", entity("users",
                "private String email; @Column(name = \"email_address\") private String emailAddress;"));
        EntityModel v4 = scan("v4", entity("users", "@Column(name = \"email_address\") private String email;"));

        Plan plan = onePlan(original, v0, "rename-column", "column-still-mapped", "index-not-concurrent", "missing-lock-timeout");
        List<Plan.Deploy> d = plan.deploys();
        String rendered = PlanRenderer.render(plan, ChangeLogFormat.XML);
        assertEquals(5, d.size(), rendered);
        // deploy 1: the expand, then the index (concurrently, on the new column) and the kept addColumn, in order
        List<Plan.PlanChangeSet> first = d.get(0).changeSets();
        assertEquals(3, first.size(), rendered);
        assertTrue(first.get(0).statements().stream().anyMatch(s -> s.contains("ADD COLUMN email_address")), rendered);
        assertTrue(first.get(1).statements().stream().anyMatch(s -> s.contains("CONCURRENTLY")), rendered);
        assertTrue(first.get(2).statements().stream().anyMatch(s -> s.contains("ADD note")), rendered);
        for (Plan.PlanChangeSet cs : first) {
            assertEquals("email becomes email_address for the new API", cs.comment(), "the comment travels: " + rendered);
        }

        deployRenameStepByStep(original, plan, v0, both, v4);
    }

    // ---- drop-column + column-still-mapped ---------------------------------------------------

    @Test
    void droppedMappedColumnGetsOneApplicationStepThenTheDrop() throws Exception {
        String original = Changelog.xml("""
                <changeSet id="users-email-drop" author="dev">
                  <dropColumn tableName="users" columnName="email"/>
                </changeSet>
                """);
        EntityModel v0 = scan("v0", entity("users", "private String email;"));
        EntityModel v1 = scan("v1", entity("users", "@Transient private String email;"));

        Plan plan = onePlan(original, v0, "drop-column", "column-still-mapped", "missing-lock-timeout");
        List<Plan.Deploy> d = plan.deploys();
        assertEquals(2, d.size(), PlanRenderer.render(plan, ChangeLogFormat.XML));
        assertTrue(d.get(0).changeSets().isEmpty(), "deploy 1 is the application step");
        assertTrue(d.get(0).codeChange().contains("field email of entity shop.User or mark it @Transient"), d.get(0).codeChange());
        assertEquals(1, d.get(1).changeSets().size(), PlanRenderer.render(plan, ChangeLogFormat.XML));

        Set<String> expected = originalSchema(original);
        List<String> deployed = new ArrayList<>();
        try (ProofCase pc = ProofCase.create(work.resolve("db"))) {
            pc.seed("users", ROWS);
            Connection c = pc.connection();
            assertDeployLints(plan, 1, v1, deployed, Set.of("drop-column"));
            assertVersionsWork(c, v0, v1);
            pc.deploy("deploy-2.xml", deployChangelog(d.get(1)));
            assertVersionsWork(c, v1);
            assertEquals(expected, schemaOf(c), "the plan ends at the original's schema");
        }
    }

    // ---- rename-table + table-still-mapped ---------------------------------------------------

    @Test
    void renamedMappedTableGetsOneCompatibilityView() throws Exception {
        String original = Changelog.xml("""
                <changeSet id="users-rename" author="dev">
                  <renameTable oldTableName="users" newTableName="customers"/>
                </changeSet>
                """);
        EntityModel v0 = scan("v0", entity("users", "private String email;"));
        EntityModel v1 = scan("v1", entity("customers", "private String email;"));

        Plan plan = onePlan(original, v0, "rename-table", "table-still-mapped", "missing-lock-timeout");
        List<Plan.Deploy> d = plan.deploys();
        assertEquals(2, d.size(), PlanRenderer.render(plan, ChangeLogFormat.XML));
        long views = d.stream().flatMap(x -> x.changeSets().stream()).flatMap(cs -> cs.statements().stream())
                .filter(s -> s.startsWith("CREATE VIEW users")).count();
        assertEquals(1, views, "one compatibility view: " + PlanRenderer.render(plan, ChangeLogFormat.XML));
        assertNotNull(d.get(0).codeChange());
        assertTrue(d.get(0).codeChange().contains("entity shop.User"), d.get(0).codeChange());

        Set<String> expected = originalSchema(original);
        List<String> deployed = new ArrayList<>();
        try (ProofCase pc = ProofCase.create(work.resolve("db"))) {
            pc.seed("users", ROWS);
            Connection c = pc.connection();
            assertDeployLints(plan, 0, v0, deployed, Set.of());
            pc.deploy("deploy-1.xml", deployChangelog(d.get(0)));
            assertVersionsWork(c, v0, v1);
            // the view is dropped only once v0 is gone: the drop of the (existing) view is drop-table's warning
            assertDeployLints(plan, 1, v1, deployed, Set.of("drop-table"));
            pc.deploy("deploy-2.xml", deployChangelog(d.get(1)));
            assertVersionsWork(c, v1);
            assertEquals(expected, schemaOf(c), "the plan ends at the original's schema");
        }
    }
}
