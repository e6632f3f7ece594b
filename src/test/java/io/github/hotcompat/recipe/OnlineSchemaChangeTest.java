package io.github.hotcompat.recipe;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online schema-change advice says which tool fits the table, from the replayed schema: gh-ost supports no
 * foreign key on or to the table, both need a primary or unique key.
 */
class OnlineSchemaChangeTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/algorithm-copy/mysql-changes.sql");

    private static String notes(AnalysisResult r, String changeSet) {
        Finding f = FixtureRunner.one(r, "algorithm-copy", changeSet);
        return String.join("\n", f.plan().notes());
    }

    @Test
    void saysWhichToolFitsTheTable() throws Exception {
        AnalysisResult r = FixtureRunner.analyze(FIXTURE);
        String keyed = notes(r, "4");
        assertTrue(keyed.contains("Both tools fit orders"), keyed);
        String referenced = notes(r, "7");
        assertTrue(referenced.contains("Use pt-online-schema-change for customers: invoices reference(s) customers"), referenced);
        String keyless = notes(r, "8");
        assertTrue(keyless.contains("Neither tool fits audit_log"), keyless);
    }
}
