package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim: dropping a column the running entity still maps breaks the entity's INSERT (Hibernate lists
 * every mapped column); the rewrite of {@code column-still-mapped} (deploy 1: the field becomes
 * {@code @Transient}; deploy 2: drop the column) keeps the INSERT of every version running during
 * each deploy working. The INSERTs are built from the scanned mapping, as Hibernate builds them.
 */
@ExtendWith(PgTestDatabase.class)
class EntityDropProofTest {

    static final int ROWS = 1_000;
    static final String UNDEFINED_COLUMN = "42703";

    static final String OLD_ENTITY = """
            package shop;
            import jakarta.persistence.*;
            import java.math.BigDecimal;
            import java.time.OffsetDateTime;
            @Entity @Table(name = "users")
            public class User {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
                private String email;
                @Column(name = "created_at") private OffsetDateTime createdAt;
                private BigDecimal amount;
            }
            """;

    /** Deploy 1's application change, as the rewrite words it: the field marked @Transient. */
    static final String NEW_ENTITY = OLD_ENTITY.replace("private String email;", "@Transient private String email;");

    static String originalChangelog() {
        return Changelog.xml("""
                <changeSet id="users-drop-email" author="dev">
                  <dropColumn tableName="users" columnName="email"/>
                </changeSet>
                """);
    }

    static EntityModel scan(Path work, String source) throws Exception {
        Path classes = EntitySources.compile(work, Map.of("shop/User.java", source));
        return new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
    }

    /** The INSERT Hibernate issues for the entity: every mapped column but the identity key. */
    static String insertOf(EntityModel model) {
        List<String> columns = model.columnsOf("users").stream().map(MappedColumn::name)
                .filter(c -> !c.equals("id")).sorted().toList();
        String values = columns.stream().map(c -> switch (c) {
            case "email" -> "'probe@example.com'";
            case "created_at" -> "now()";
            case "amount" -> "1";
            default -> throw new IllegalStateException("unexpected mapped column " + c);
        }).collect(Collectors.joining(", "));
        return "INSERT INTO users (" + String.join(", ", columns) + ") VALUES (" + values + ")";
    }

    static AnalysisResult lint(Path dir, String changelogXml, EntityModel model) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("changelog.xml"), changelogXml);
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                EntityDropProofTest.class.getClassLoader(), Target.postgres(), Map.of(), Baseline.empty())
                .withEntities(model, EntityExcludes.NONE));
    }

    static Finding finding(Path work, EntityModel oldModel) throws Exception {
        List<Finding> found = lint(work.resolve("lint-original"), originalChangelog(), oldModel).findings().stream()
                .filter(f -> f.ruleId().equals("column-still-mapped")).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void droppingAMappedColumnBreaksTheOldEntitysInsert(@TempDir Path dir) throws Exception {
        EntityModel oldModel = scan(dir.resolve("old"), OLD_ENTITY);
        String oldInsert = insertOf(oldModel);
        assertTrue(oldInsert.contains("email"), oldInsert);
        finding(dir, oldModel);
        try (ProofCase pc = ProofCase.create(dir.resolve("db"))) {
            pc.seed("users", ROWS);
            assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), oldInsert), "works before the drop");
            pc.deploy("changelog.xml", originalChangelog());
            assertEquals(Optional.of(UNDEFINED_COLUMN), PgCatalog.sqlStateOf(pc.connection(), oldInsert),
                    "the still-running old version's INSERT fails once the column is gone");
        }
    }

    @Test
    void theRewriteKeepsEveryRunningVersionsInsertWorking(@TempDir Path dir) throws Exception {
        EntityModel oldModel = scan(dir.resolve("old"), OLD_ENTITY);
        EntityModel newModel = scan(dir.resolve("new"), NEW_ENTITY);
        String oldInsert = insertOf(oldModel);
        String newInsert = insertOf(newModel);
        assertTrue(!newInsert.contains("email"), newInsert);
        Finding finding = finding(dir, oldModel);
        List<Plan.Deploy> deploys = finding.plan().deploys();
        assertEquals(2, deploys.size());
        assertTrue(deploys.get(0).changeSets().isEmpty(), "deploy 1 is the application change only");
        assertTrue(deploys.get(0).codeChange().contains("field email of entity shop.User or mark it @Transient"));
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());

        try (ProofCase pc = ProofCase.create(dir.resolve("db"))) {
            pc.seed("users", ROWS);
            // Deploy 1: old and new (email @Transient) instances run side by side; no schema change.
            assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), oldInsert));
            assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), newInsert));

            // Deploy 2: only the deploy-1 version runs; the drop is the rewrite's own changeset.
            String deploy2 = Changelog.xml(deploys.get(1).changeSets().stream()
                    .map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).collect(Collectors.joining("\n")));
            List<Finding> againstNewCode = lint(dir.resolve("lint-deploy2"), deploy2, newModel).findings().stream()
                    .filter(f -> f.ruleId().equals("column-still-mapped")).toList();
            assertEquals(List.of(), againstNewCode, "once the field is @Transient, the drop passes");
            pc.deploy("d2.xml", deploy2);
            assertEquals(Optional.empty(), PgCatalog.sqlStateOf(pc.connection(), newInsert));
            assertTrue(PgCatalog.columnInfo(pc.connection(), "users", "email").isEmpty(), "email is dropped");
            assertEquals(ROWS + 3, PgCatalog.count(pc.connection(), "SELECT count(*) FROM users"));
        }
    }
}
