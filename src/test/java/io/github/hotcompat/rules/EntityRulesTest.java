package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityScanner;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entity rules on compiled entities: rewrites, where end-of-changelog findings sit, what is not judged. */
class EntityRulesTest {
    @TempDir
    Path work;

    static final String CUSTOMER = """
            package shop;
            import javax.persistence.*;
            @Entity @Table(name = "customers")
            public class Customer {
                @Id private Long id;
                private String email;
            }
            """;

    private EntityModel entities(NamingStrategy naming, String... pathAndSource) throws IOException {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pathAndSource.length; i += 2) sources.put(pathAndSource[i], pathAndSource[i + 1]);
        return new EntityScanner(naming).scan(List.of(EntitySources.compile(work.resolve("entities"), sources)));
    }

    private AnalysisResult analyze(String changelogXmlBody, EntityModel model, EntityExcludes excludes, List<Rule> rules)
            throws IOException {
        Path dir = Files.createDirectories(work.resolve("db"));
        Files.writeString(dir.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                """ + changelogXmlBody + "</databaseChangeLog>\n");
        AnalysisConfig config = new AnalysisConfig(dir, List.of(dir), "changelog.xml", getClass().getClassLoader(),
                Target.postgres(), Map.of(), Baseline.empty()).withEntities(model, excludes);
        return new Analyzer(rules).analyze(config);
    }

    private AnalysisResult analyze(String body, EntityModel model) throws IOException {
        return analyze(body, model, EntityExcludes.NONE, RuleCatalog.all());
    }

    private static List<Finding> of(AnalysisResult r, String ruleId) {
        return r.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    @Test
    void dropOfAMappedColumnGivesTheTwoDeployRewriteNamingEntityAndField() throws IOException {
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana"><createTable tableName="customers">
                    <column name="id" type="bigint"/><column name="email" type="varchar(200)"/>
                </createTable></changeSet>
                <changeSet id="2" author="ana"><dropColumn tableName="customers" columnName="email"/></changeSet>
                """, entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER));
        List<Finding> found = of(r, "column-still-mapped");
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("2", f.changeSetId());
        assertEquals("customers", f.table());
        assertEquals("email", f.column());
        assertTrue(f.message().contains("field email of entity shop.Customer"), f.message());
        List<Plan.Deploy> deploys = f.plan().deploys();
        assertEquals(2, deploys.size());
        assertTrue(deploys.get(0).changeSets().isEmpty(), "deploy 1 is the application change only");
        assertTrue(deploys.get(0).codeChange().contains("field email of entity shop.Customer or mark it @Transient"));
        assertEquals(List.of("ALTER TABLE customers DROP COLUMN email"), deploys.get(1).changeSets().get(0).statements());
        assertEquals(List.of("ALTER TABLE customers ADD COLUMN email varchar(200)"), deploys.get(1).changeSets().get(0).rollback());
        assertTrue(of(r, "entity-schema-mismatch").isEmpty(), "the drop is reported once, by column-still-mapped");
    }

    @Test
    void renameIsAnExpandContractThatKeepsNotNull() throws IOException {
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana"><createTable tableName="customers">
                    <column name="id" type="bigint"/><column name="email" type="text"><constraints nullable="false"/></column>
                </createTable></changeSet>
                <changeSet id="2" author="ana"><sql>ALTER TABLE customers RENAME COLUMN email TO email_address</sql></changeSet>
                """, entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER));
        Finding f = of(r, "column-still-mapped").get(0);
        List<Plan.Deploy> d = f.plan().deploys();
        // expand, backfill, NOT NULL on the new column (check + validate, then SET NOT NULL), read switch, stop writing, contract
        assertEquals(7, d.size());
        assertEquals(List.of("ALTER TABLE customers ADD COLUMN email_address text"), d.get(0).changeSets().get(0).statements());
        assertTrue(d.get(0).codeChange().contains("next to field email of entity shop.Customer, a second attribute mapped to "
                + "customers.email_address"), d.get(0).codeChange());
        // the one batched backfill (key ranges over the primary key), outside a transaction, not split
        Plan.PlanChangeSet backfill = d.get(1).changeSets().get(0);
        assertTrue(backfill.statements().get(0).startsWith("DO $$"), backfill.statements().get(0));
        assertTrue(backfill.statements().get(0).contains("UPDATE customers SET email_address = email WHERE"), backfill.statements().get(0));
        assertFalse(backfill.runInTransaction());
        assertFalse(backfill.splitStatements());
        // email is NOT NULL: email_address gets it the lock-free way once filled
        assertEquals(List.of("ALTER TABLE customers ADD CONSTRAINT customers_email_address_not_null "
                + "CHECK (email_address IS NOT NULL) NOT VALID"), d.get(2).changeSets().get(0).statements());
        assertEquals(List.of("ALTER TABLE customers VALIDATE CONSTRAINT customers_email_address_not_null"),
                d.get(2).changeSets().get(1).statements());
        assertEquals(List.of("ALTER TABLE customers ALTER COLUMN email_address SET NOT NULL",
                "ALTER TABLE customers DROP CONSTRAINT customers_email_address_not_null"), d.get(3).changeSets().get(0).statements());
        assertTrue(d.get(4).changeSets().isEmpty() && d.get(4).codeChange().contains("read field email of entity shop.Customer "
                + "from customers.email_address"), d.get(4).codeChange());
        assertEquals(List.of("ALTER TABLE customers ALTER COLUMN email DROP NOT NULL"), d.get(5).changeSets().get(0).statements());
        assertTrue(d.get(5).codeChange().contains("@Column(name = \"email_address\")"), d.get(5).codeChange());
        assertEquals(List.of("ALTER TABLE customers DROP COLUMN email"), d.get(6).changeSets().get(0).statements());
        assertEquals(List.of("ALTER TABLE customers ADD COLUMN email text"), d.get(6).changeSets().get(0).rollback());
    }

    static final String CUSTOMER_WITH_QUERY = """
            package shop;
            import javax.persistence.*;
            @Entity @Table(name = "customers")
            @NamedNativeQuery(name = "Customer.byEmail", query = "SELECT c.id FROM customers c WHERE c.email = ?1")
            public class Customer {
                @Id private Long id;
                private String email;
            }
            """;

    /** All findings of the changeset carry one plan; returns it. */
    private static Plan onePlan(AnalysisResult r, String changeSetId, String... ruleIds) {
        List<Finding> found = r.findings().stream().filter(f -> changeSetId.equals(f.changeSetId())).toList();
        for (String id : ruleIds) {
            assertTrue(found.stream().anyMatch(f -> f.ruleId().equals(id)), id + " not among " + found);
        }
        for (Finding f : found) assertEquals(found.get(0).plan(), f.plan(), f.ruleId() + "'s plan differs");
        return found.get(0).plan();
    }

    @Test
    void renameOfAMappedColumnIsOneExpandContractWhoseStepsNameEveryUser() throws IOException {
        // customers predates the changelog: rename-column and column-still-mapped (field and native query) all fire
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana">
                    <renameColumn tableName="customers" oldColumnName="email" newColumnName="email_address"
                                  columnDataType="varchar(200)"/>
                </changeSet>
                """, entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER_WITH_QUERY));
        assertEquals(2, of(r, "column-still-mapped").size(), r.findings().toString());
        Plan plan = onePlan(r, "1", "rename-column", "column-still-mapped");
        List<Plan.Deploy> d = plan.deploys();
        assertEquals(5, d.size(), plan.toString());
        List<String> statements = d.stream().flatMap(x -> x.changeSets().stream()).flatMap(cs -> cs.statements().stream()).toList();
        assertEquals(1, statements.stream().filter(s -> s.contains("ADD COLUMN email_address varchar(200)")).count(), statements.toString());
        assertEquals(1, statements.stream().filter(s -> s.startsWith("DO $$")).count(), "one batched backfill: " + statements);
        assertEquals(1, statements.stream().filter(s -> s.equals("ALTER TABLE customers DROP COLUMN email")).count(), statements.toString());
        String writeBoth = d.get(0).codeChange();
        assertTrue(writeBoth.contains("field email of entity shop.Customer")
                && writeBoth.contains("the native query of shop.Customer (@NamedNativeQuery)"), writeBoth);
    }

    @Test
    void dropOfAMappedColumnAndTableAreOnePlanEach() throws IOException {
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana"><dropColumn tableName="customers" columnName="email"/></changeSet>
                <changeSet id="2" author="ana"><dropTable tableName="customers"/></changeSet>
                """, entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER));
        Plan column = onePlan(r, "1", "drop-column", "column-still-mapped");
        assertEquals(2, column.deploys().size(), column.toString());
        assertTrue(column.deploys().get(0).codeChange().contains("delete field email of entity shop.Customer or mark it @Transient"));
        assertEquals(List.of("ALTER TABLE customers DROP COLUMN email"),
                column.deploys().get(1).changeSets().stream().flatMap(cs -> cs.statements().stream())
                        .filter(s -> !s.matches("(?is)(SET (LOCAL )?|RESET )lock_timeout.*")).toList());
        Plan table = onePlan(r, "2", "drop-table", "table-still-mapped");
        assertEquals(2, table.deploys().size(), table.toString());
        assertTrue(table.deploys().get(0).codeChange().contains("delete entity shop.Customer"), table.deploys().get(0).codeChange());
        assertTrue(table.deploys().get(0).changeSets().isEmpty());
        assertEquals(List.of("DROP TABLE customers"), table.deploys().get(1).changeSets().stream()
                .flatMap(cs -> cs.statements().stream()).filter(s -> !s.matches("(?is)(SET (LOCAL )?|RESET )lock_timeout.*")).toList());
    }

    @Test
    void missingTableInAWholeSchemaChangelogSitsOnLineOneOfTheRootChangelog() throws IOException {
        EntityModel model = entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER, "shop/Coupon.java", """
                package shop;
                import javax.persistence.*;
                @Entity public class Coupon { @Id private Long id; private String code; }
                """);
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana"><createTable tableName="customers">
                    <column name="id" type="bigint"/><column name="email" type="text"/>
                </createTable></changeSet>
                """, model);
        List<Finding> found = of(r, "entity-schema-mismatch");
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals(1, f.line());
        assertNull(f.changeSetId());
        assertEquals("changelog.xml", Path.of(f.file()).getFileName().toString());
        assertEquals("Coupon", f.table());
        assertTrue(f.message().contains("entity shop.Coupon maps table Coupon, which no changeset creates"), f.message());

        AnalysisResult excluded = analyze("""
                <changeSet id="1" author="ana"><createTable tableName="customers">
                    <column name="id" type="bigint"/><column name="email" type="text"/>
                </createTable></changeSet>
                """, model, new EntityExcludes(List.of("shop.Coupon")), RuleCatalog.all());
        assertTrue(of(excluded, "entity-schema-mismatch").isEmpty());
    }

    @Test
    void tablesAChangelogOnAnExistingDatabaseNeverCreatesAreNotJudged() throws IOException {
        EntityModel model = entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER, "shop/Coupon.java", """
                package shop;
                import javax.persistence.*;
                @Entity public class Coupon { @Id private Long id; private String code; }
                """);
        // customers predates the changelog: only altered, so neither it nor Coupon is judged
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana"><addColumn tableName="customers">
                    <column name="note" type="text"/>
                </addColumn></changeSet>
                """, model);
        assertTrue(of(r, "entity-schema-mismatch").isEmpty(), r.findings().toString());
    }

    @Test
    void aSuppressionOnTheLastTouchingChangesetCoversTheEndOfChangelogFinding() throws IOException {
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana">
                    <comment>hotcompat:ignore entity-schema-mismatch -- email is added by the next release</comment>
                    <createTable tableName="customers"><column name="id" type="bigint"/></createTable>
                </changeSet>
                """, entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER));
        List<Finding> found = of(r, "entity-schema-mismatch");
        assertEquals(1, found.size());
        assertTrue(found.get(0).suppressed());
        assertTrue(of(r, "unused-suppression").isEmpty(), r.findings().toString());
    }

    @Test
    void rulesSeeTheEntityModelThroughTheirContext() throws IOException {
        List<String> seen = new ArrayList<>();
        Rule probe = new ProbeRule(seen);
        analyze("""
                <changeSet id="1" author="ana"><addColumn tableName="customers">
                    <column name="email" type="text"/><column name="phone" type="text"/>
                </addColumn></changeSet>
                """, entities(NamingStrategy.JPA, "shop/Customer.java", CUSTOMER), EntityExcludes.NONE, List.of(probe));
        assertEquals(List.of("email mapped=true", "phone mapped=false"), seen);
    }

    @Test
    void withoutAnEntityModelTheEntityRulesAreSilent() throws IOException {
        AnalysisResult r = analyze("""
                <changeSet id="1" author="ana"><dropColumn tableName="customers" columnName="email"/></changeSet>
                """, null);
        assertTrue(r.findings().stream().noneMatch(f -> f.ruleId().contains("mapped") || f.ruleId().contains("entity")));
    }

    @RuleInfo(id = "probe", severity = io.github.hotcompat.finding.Severity.INFO, summary = "test probe")
    static final class ProbeRule implements Rule {
        private final List<String> seen;

        ProbeRule(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void checkOperation(Operation op, RuleContext ctx) {
            if (op instanceof Operation.AddColumn a) {
                seen.add(a.column().name() + " mapped=" + ctx.entities().orElseThrow().maps(a.table(), a.column().name()));
            }
        }
    }
}
