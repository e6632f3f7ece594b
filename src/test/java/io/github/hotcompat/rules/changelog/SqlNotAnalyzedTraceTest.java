package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Procedural code is not analysed unless a trace ran its changeset, unchanged, to its end. */
class SqlNotAnalyzedTraceTest {

    static final String CHANGELOG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                               xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                <changeSet id="1" author="ana">
                    <sql splitStatements="false">DO $$ BEGIN EXECUTE 'ALTER TABLE accounts ADD COLUMN tier text'; END $$</sql>
                </changeSet>
            </databaseChangeLog>
            """;

    static AnalysisConfig config(Path dir) throws Exception {
        Files.writeString(dir.resolve("changelog.xml"), CHANGELOG);
        return new AnalysisConfig(dir, List.of(dir), "changelog.xml", SqlNotAnalyzedTraceTest.class.getClassLoader(),
                Target.postgres(), Map.of(), Baseline.of(List.of()));
    }

    static List<Finding> notAnalysed(AnalysisResult r) {
        return r.findings().stream().filter(f -> f.ruleId().equals("sql-not-analyzed")).toList();
    }

    static TraceFile trace(LoadedChangeSet cs, String checksum, String error) {
        return TraceFile.of(List.of("accounts"), List.of(new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(),
                cs.line(), List.of(), error, null, checksum)));
    }

    @Test
    void aTraceOfTheUnchangedChangeSetCoversItsProceduralCode(@TempDir Path dir) throws Exception {
        AnalysisConfig config = config(dir);
        AnalysisResult untraced = new Analyzer().analyze(config);
        assertEquals(1, notAnalysed(untraced).size(), untraced.findings().toString());
        assertEquals("not analysed: DO block (BEGIN EXECUTE 'ALTER TABLE accounts ADD COLUMN tier text'; END $$)",
                notAnalysed(untraced).get(0).message());
        LoadedChangeSet cs = untraced.changeSets().get(0);

        assertEquals(List.of(), notAnalysed(new Analyzer().analyze(config.withTrace(trace(cs, cs.checksum(), null)))));
        assertEquals(1, notAnalysed(new Analyzer().analyze(config.withTrace(trace(cs, "9:0000", null)))).size(),
                "traced before it was edited: the trace did not see it as it is");
        assertEquals(1, notAnalysed(new Analyzer().analyze(config.withTrace(trace(cs, null, null)))).size(),
                "a trace file without checksums covers nothing");
        assertEquals(1, notAnalysed(new Analyzer().analyze(config.withTrace(trace(cs, cs.checksum(), "boom")))).size(),
                "a failed trace covered nothing");
    }

    @Test
    void theTraceFileKeepsTheChecksum(@TempDir Path dir) throws Exception {
        AnalysisResult r = new Analyzer().analyze(config(dir));
        LoadedChangeSet cs = r.changeSets().get(0);
        Path file = dir.resolve("trace.json");
        trace(cs, cs.checksum(), null).write(file);
        TraceFile read = TraceFile.read(file).orElseThrow();
        assertEquals(true, read.coveredUnchanged(cs.displayFile(), cs.id(), cs.author(), cs.checksum()));
    }
}
