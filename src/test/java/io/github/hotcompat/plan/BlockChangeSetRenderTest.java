package io.github.hotcompat.plan;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.load.ChangeLogFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A DO block in a rewrite must reach PostgreSQL whole, in every changelog format, outside a transaction. */
class BlockChangeSetRenderTest {
    /** The plugin's own batched backfill: any other DO block is procedural code, reported as not analysed. */
    static final String BLOCK = io.github.hotcompat.recipe.Backfills.keyRangeLoop(
            "UPDATE users SET x = 1 WHERE x IS NULL", "users", "id");

    @ParameterizedTest
    @EnumSource(ChangeLogFormat.class)
    void theBlockStaysOneStatement(ChangeLogFormat format, @TempDir Path dir) throws Exception {
        Plan rewrite = Plan.builder().deploy("backfill").blockChangeSet("7-backfill", "ana", BLOCK, null).build();
        String cs = PlanRenderer.changeSet(rewrite.deploys().get(0).changeSets().get(0), format);
        String file;
        String text;
        switch (format) {
            case XML -> {
                file = "c.xml";
                text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                        + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n" + cs + "</databaseChangeLog>\n";
            }
            case YAML -> {
                file = "c.yaml";
                text = "databaseChangeLog:\n" + cs;
            }
            case JSON -> {
                file = "c.json";
                text = "{\"databaseChangeLog\": [" + cs + "]}";
            }
            default -> {
                file = "c.sql";
                text = "--liquibase formatted sql\n\n" + cs;
            }
        }
        Files.writeString(dir.resolve(file), text);
        AnalysisResult r = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), file,
                getClass().getClassLoader(), Target.postgres(), Map.of(), Baseline.empty()));
        assertEquals(1, r.changeSets().size(), text);
        assertTrue(!r.changeSets().get(0).changeSet().isRunInTransaction(), text);
        assertEquals(List.of(), r.findings(), "a split block would be unparseable fragments:\n" + text);
        var change = (liquibase.change.core.RawSQLChange) r.changeSets().get(0).changeSet().getChanges().get(0);
        assertTrue(change.getSql().contains("COMMIT;\n    hc_from := hc_from + 10000;\n  END LOOP;\nEND $$") && Boolean.FALSE.equals(change.isSplitStatements()), text);
    }
}
