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
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims about the running version (its sources read with JavaParser, as at a {@code since}
 * revision): its own INSERT and SELECT, generated from its mapping as Hibernate issues them, fail
 * after the original changeset, and work through every deploy of the plugin's rewrite while it
 * still serves; after each deploy, the version that replaced it works too.
 */
@ExtendWith(PgTestDatabase.class)
class RunningVersionProofTest {
    static final int ROWS = 500;
    static final String UNDEFINED_COLUMN = "42703";
    static final String NOT_NULL_VIOLATION = "23502";
    static final String CHECK_VIOLATION = "23514";

    static final String RUNNING_USER = """
            package shop;
            import jakarta.persistence.*;
            import java.math.BigDecimal;
            import java.time.OffsetDateTime;
            import lombok.Data;
            @Entity @Table(name = "users") @Data
            public class User {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
                private String email;
                private String notes;
                @Column(name = "created_at") private OffsetDateTime createdAt;
                private BigDecimal amount;
            }
            """;

    static EntityModel sources(String user) {
        return new EntityScanner(NamingStrategy.JPA).scanSources(Map.of("src/main/java/shop/User.java at origin/main", user));
    }

    /** Hibernate's INSERT for the entity: every insertable mapped column but the identity key. */
    static String insertOf(EntityModel model) {
        List<String> columns = model.columnsOf("users").stream().filter(MappedColumn::insertable).map(MappedColumn::name)
                .filter(c -> !c.equals("id")).sorted().toList();
        String values = columns.stream().map(c -> switch (c) {
            case "email" -> "'probe@example.com'";
            case "notes" -> "'a note'";
            case "country" -> "'NL'";
            case "created_at" -> "now()";
            case "amount" -> "1";
            default -> throw new IllegalStateException("unexpected mapped column " + c);
        }).collect(Collectors.joining(", "));
        return "INSERT INTO users (" + String.join(", ", columns) + ") VALUES (" + values + ")";
    }

    /** Hibernate's load by id: every mapped column. */
    static String selectOf(EntityModel model) {
        return "SELECT " + model.columnsOf("users").stream().map(MappedColumn::name).sorted().collect(Collectors.joining(", "))
                + " FROM users WHERE id = 1";
    }

    static Finding finding(Path dir, String changelog, EntityModel thisBuild, EntityModel running, String ruleId) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("changelog.xml"), changelog);
        List<Finding> found = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                        RunningVersionProofTest.class.getClassLoader(), Target.postgres(), Map.of(), Baseline.empty())
                        .withEntities(thisBuild, EntityExcludes.NONE)
                        .withRunningVersion(new RunningVersion("at origin/main", running)))
                .findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    static String deployChangelog(Plan.Deploy deploy) {
        return Changelog.xml(deploy.changeSets().stream()
                .map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).collect(Collectors.joining("\n")));
    }

    @Test
    void aDropOfWhatOnlyTheRunningVersionMapsBreaksItAndTheRewriteDoesNot(@TempDir Path dir) throws Exception {
        EntityModel running = sources(RUNNING_USER);
        EntityModel thisBuild = sources(RUNNING_USER.replace("private String notes;", ""));
        String original = Changelog.xml("""
                <changeSet id="drop-notes" author="bo">
                  <dropColumn tableName="users" columnName="notes"/>
                </changeSet>
                """);
        Finding f = finding(dir.resolve("lint"), original, thisBuild, running, "column-still-mapped");
        assertTrue(f.message().contains("the running version's shop.User.notes at origin/main"), f.message());
        String[] runningSql = {insertOf(running), selectOf(running)};
        String[] newSql = {insertOf(thisBuild), selectOf(thisBuild)};
        assertTrue(runningSql[0].contains("notes") && !newSql[0].contains("notes"));

        try (ProofCase pc = ProofCase.create(dir.resolve("db-original"))) {
            pc.seed("users", ROWS).sql("ALTER TABLE users ADD COLUMN notes text");
            PgCatalog.assertWorks(pc.connection(), runningSql);
            pc.deploy("original.xml", original);
            PgCatalog.assertFails(pc.connection(), UNDEFINED_COLUMN, runningSql);
        }

        List<Plan.Deploy> deploys = f.plan().deploys();
        assertEquals(2, deploys.size());
        assertTrue(deploys.get(0).changeSets().isEmpty(), "deploy 1 ships this build only");
        try (ProofCase pc = ProofCase.create(dir.resolve("db-rewrite"))) {
            pc.seed("users", ROWS).sql("ALTER TABLE users ADD COLUMN notes text");
            // deploy 1: both versions serve side by side, the schema is unchanged
            PgCatalog.assertWorks(pc.connection(), runningSql);
            PgCatalog.assertWorks(pc.connection(), newSql);
            // deploy 2: the next release drops the column; only this build's version serves
            pc.deploy("d2.xml", deployChangelog(deploys.get(1)));
            PgCatalog.assertWorks(pc.connection(), newSql);
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "notes").isEmpty(), "notes is dropped");
        }
    }

    @Test
    void notNullOnAColumnTheRunningVersionNeverWritesBreaksItsInsertsAndTheRewriteDoesNot(@TempDir Path dir) throws Exception {
        EntityModel running = sources(RUNNING_USER.replace("private String notes;", ""));
        EntityModel thisBuild = sources(RUNNING_USER.replace("private String notes;", "private String country;"));
        String original = Changelog.xml("""
                <changeSet id="country-required" author="bo">
                  <addNotNullConstraint tableName="users" columnName="country" columnDataType="text" defaultNullValue="NL"/>
                </changeSet>
                """);
        Finding f = finding(dir.resolve("lint"), original, thisBuild, running, "required-column-not-written");
        String runningInsert = insertOf(running);
        String newInsert = insertOf(thisBuild);
        assertTrue(!runningInsert.contains("country") && newInsert.contains("country"));

        try (ProofCase pc = ProofCase.create(dir.resolve("db-original"))) {
            pc.seed("users", ROWS).sql("ALTER TABLE users ADD COLUMN country text");
            PgCatalog.assertWorks(pc.connection(), runningInsert);
            pc.deploy("original.xml", original);
            PgCatalog.assertFails(pc.connection(), NOT_NULL_VIOLATION, runningInsert);
        }

        List<Plan.Deploy> deploys = f.plan().deploys();
        assertTrue(deploys.size() >= 3, deploys.toString());
        assertTrue(deploys.get(0).changeSets().isEmpty(), "deploy 1 is the code that writes country");
        try (ProofCase pc = ProofCase.create(dir.resolve("db-rewrite"))) {
            pc.seed("users", ROWS).sql("ALTER TABLE users ADD COLUMN country text");
            Connection c = pc.connection();
            // deploy 1: both versions insert, the schema is unchanged
            PgCatalog.assertWorks(c, runningInsert, newInsert);
            for (int i = 1; i < deploys.size(); i++) {
                pc.deploy("d" + (i + 1) + ".xml", deployChangelog(deploys.get(i)));
                PgCatalog.assertWorks(c, newInsert);
            }
            assertTrue(PgCatalog.columnInfo(c, "users", "country").orElseThrow().notNull(), "country ends NOT NULL");
            assertEquals(0, PgCatalog.count(c, "SELECT count(*) FROM users WHERE country IS NULL"));
            // what the rewrite protects against: the running version would now be rejected
            String state = PgCatalog.sqlStateOf(c, runningInsert).orElseThrow();
            assertTrue(state.equals(NOT_NULL_VIOLATION) || state.equals(CHECK_VIOLATION), state);
        }
    }
}
