package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.DeployOrder;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityScanner;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.JdbcUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim (cached-plan-result-change): a pgjdbc connection that has run a statement 5 times holds a
 * server-prepared plan; a change of the statement's result type (a binary-coercible varchar
 * widening, a column more under {@code select *}) makes its next execution inside a transaction
 * fail with SQLSTATE 0A000. The URL the rewrite advises ({@code autosave=conservative}) makes it
 * work, and with that URL configured the rule is silent.
 */
@ExtendWith(PgTestDatabase.class)
class CachedPlanResultChangeProofTest {
    static final String CACHED_PLAN = "0A000";
    static final String BASE_URL = "jdbc:postgresql://db:5432/shop";

    static final String USER = """
            package shop;
            import jakarta.persistence.*;
            @Entity @Table(name = "users")
            @NamedNativeQuery(name = "User.all", query = "select * from users where id = ?1")
            public class User {
                @Id private Long id;
                private String email;
            }
            """;

    static List<Finding> lint(Path dir, String changelog, String jdbcUrl) throws Exception {
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scanSources(Map.of("shop/User.java", USER));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("changelog.xml"), changelog);
        Target target = new Target("postgresql", 15, 100_000, Map.of(), false, DeployOrder.MIGRATE_FIRST,
                List.of(new JdbcUrl(jdbcUrl, "spring.datasource.url in application.properties")));
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                        CachedPlanResultChangeProofTest.class.getClassLoader(), target, Map.of(), Baseline.empty())
                        .withEntities(model, EntityExcludes.NONE))
                .findings().stream().filter(f -> f.ruleId().equals("cached-plan-result-change")).toList();
    }

    /** A connection of the running version, in the scratch schema, with extra pgjdbc URL parameters. */
    static Connection running(ScratchSchema schema, String urlParameters) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PgTestDatabase.user());
        if (!PgTestDatabase.password().isEmpty()) props.setProperty("password", PgTestDatabase.password());
        String url = PgTestDatabase.url();
        Connection c = DriverManager.getConnection(urlParameters.isEmpty() ? url
                : url + (url.contains("?") ? "&" : "?") + urlParameters, props);
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + schema.name());
        }
        return c;
    }

    /** Runs the query 5 times (pgjdbc's prepareThreshold), so the connection holds a server-prepared plan. */
    static void warmUp(Connection c, String sql) throws SQLException {
        for (int i = 0; i < 6; i++) execute(c, sql);
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rs.getObject(1);
            }
        }
    }

    /** The running version's statement inside a transaction, as a @Transactional service method runs it. */
    static void inTransaction(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        try {
            execute(c, sql);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    void assertBreaksWithoutAutosaveAndWorksWithIt(ProofCase pc, String query, String changelog) throws Exception {
        try (Connection plain = running(pc.schema(), ""); Connection autosave = running(pc.schema(), "autosave=conservative")) {
            warmUp(plain, query);
            warmUp(autosave, query);
            pc.deploy("change.xml", changelog);
            SQLException e = assertThrows(SQLException.class, () -> inTransaction(plain, query));
            assertEquals(CACHED_PLAN, e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("cached plan must not change result type"), e.getMessage());
            inTransaction(autosave, query); // pgjdbc re-prepares and retries
        }
    }

    @Test
    void aBinaryCoercibleWideningBreaksThePreparedEntitySelect(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="widen-email" author="bo">
                  <modifyDataType tableName="users" columnName="email" newDataType="varchar(60)"/>
                </changeSet>
                """);
        List<Finding> found = lint(dir.resolve("lint"), changelog, BASE_URL);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("field email of entity shop.User and the native query of shop.User"),
                "the entity's column and the select * query: " + found.get(0).message());
        assertTrue(found.get(0).rewrite().contains("autosave=conservative"), found.get(0).rewrite());
        assertEquals(List.of(), lint(dir.resolve("lint-advised"), changelog, BASE_URL + "?autosave=conservative"),
                "with the advised URL the rule is silent");

        try (ProofCase pc = ProofCase.create(dir.resolve("db"))) {
            pc.seed("users", 100).sql("ALTER TABLE users ALTER COLUMN email TYPE varchar(50)");
            long before = PgCatalog.relfilenode(pc.connection(), "users");
            assertBreaksWithoutAutosaveAndWorksWithIt(pc, "SELECT id, email FROM users WHERE id = ?", changelog);
            assertEquals(before, PgCatalog.relfilenode(pc.connection(), "users"), "no table rewrite: no lock rule flags it");
        }
    }

    @Test
    void anAddedColumnBreaksAPreparedSelectStar(@TempDir Path dir) throws Exception {
        String changelog = Changelog.xml("""
                <changeSet id="add-nickname" author="bo">
                  <addColumn tableName="users"><column name="nickname" type="text"/></addColumn>
                </changeSet>
                """);
        List<Finding> found = lint(dir.resolve("lint"), changelog, BASE_URL);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("the native query of shop.User (@NamedNativeQuery)"), found.get(0).message());

        try (ProofCase pc = ProofCase.create(dir.resolve("db"))) {
            pc.seed("users", 100);
            assertBreaksWithoutAutosaveAndWorksWithIt(pc, "select * from users where id = ?", changelog);
        }
    }
}
