package io.github.hotcompat.fix;

import io.github.hotcompat.proof.LiquibaseApply;
import io.github.hotcompat.proof.PgTestDatabase;
import io.github.hotcompat.proof.ScratchSchema;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The files {@code hotcompat:fix} writes deploy as they are: each case's {@code after.<ext>} is
 * applied with Liquibase to a scratch PostgreSQL schema holding the case's existing tables
 * ({@code schema.sql}, seeded), and every index it builds ends valid (a failed CONCURRENTLY build
 * would leave an INVALID one).
 */
@ExtendWith(PgTestDatabase.class)
class FixedChangelogsDeployTest {
    private static final Path CASES = Path.of("src/test/resources/fix");

    static Stream<String> casesWithSchema() throws IOException {
        return FixCasesTest.cases().filter(c -> Files.isRegularFile(CASES.resolve(c).resolve("schema.sql")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithSchema")
    void theFixedChangelogDeploys(String name, @TempDir Path dir) throws Exception {
        Path caseDir = CASES.resolve(name);
        Path after;
        try (Stream<Path> files = Files.list(caseDir)) {
            after = files.filter(f -> f.getFileName().toString().startsWith("after.")).findFirst().orElseThrow();
        }
        String changelog = "changelog." + after.getFileName().toString().substring("after.".length());
        Files.copy(after, dir.resolve(changelog));
        try (ScratchSchema schema = ScratchSchema.create()) {
            try (Statement st = schema.connection().createStatement()) {
                for (String sql : Files.readString(caseDir.resolve("schema.sql")).split(";\\s*\n")) {
                    if (!sql.isBlank()) st.execute(sql);
                }
            }
            LiquibaseApply.update(schema.openConnection(), schema.name(), dir, changelog);
            assertEquals(List.of(), invalidIndexes(schema), "indexes left INVALID by " + name);
            assertEquals(0, pendingAfterSecondRun(schema, dir, changelog), "a second update has nothing to run");
        }
    }

    private static List<String> invalidIndexes(ScratchSchema schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = schema.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema.name()
                     + "' AND NOT i.indisvalid")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static int pendingAfterSecondRun(ScratchSchema schema, Path dir, String changelog) throws Exception {
        int before = ranCount(schema);
        LiquibaseApply.update(schema.openConnection(), schema.name(), dir, changelog);
        return ranCount(schema) - before;
    }

    private static int ranCount(ScratchSchema schema) throws SQLException {
        try (Statement st = schema.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
