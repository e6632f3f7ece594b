package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.LoadedChangeSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A changeset with modifySql for the target is read from the SQL Liquibase sends, after the visitors. */
class ModifySqlExtractionTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/index-not-concurrent");

    private static CreateIndex index(String file, String changeSetId) {
        List<LoadedChangeSet> loaded = new ChangeLogLoader(DIR, List.of(DIR), ModifySqlExtractionTest.class.getClassLoader(), "postgresql")
                .load(file);
        LoadedChangeSet cs = loaded.stream().filter(c -> c.id().equals(changeSetId)).findFirst().orElseThrow();
        try (OperationExtractor extractor = new OperationExtractor("postgresql")) {
            List<Operation> ops = extractor.extract(cs);
            assertEquals(1, ops.size(), ops.toString());
            return (CreateIndex) ops.get(0);
        }
    }

    @Test
    void appendedWhereMakesAPartialIndex() {
        for (String file : List.of("modify-sql.xml", "modify-sql.yaml")) {
            CreateIndex ci = index(file, "2");
            assertEquals("active", ci.where(), file);
            assertEquals("users", ci.table());
            assertEquals(List.of("email"), ci.columns());
            assertEquals("CREATE INDEX idx_users_active_email ON users(email) WHERE active", ci.origin().sql());
            assertEquals("createIndex", ci.origin().changeType());
        }
    }

    @Test
    void replaceMakesItConcurrent() {
        assertTrue(index("modify-sql.xml", "3").concurrently());
    }

    @Test
    void modifySqlForAnotherDatabaseLeavesTheChangeAsWritten() {
        CreateIndex ci = index("modify-sql.xml", "4");
        assertFalse(ci.concurrently());
        assertNull(ci.where());
        // no modifySql applies on PostgreSQL: read from the change itself, as before
        assertFalse(ci.origin().fromSql());
    }
}
