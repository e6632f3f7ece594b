package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check goal reads target/hotcompat/trace.json: procedural code the trace ran unchanged is not reported. */
@MojoTest
class CheckMojoTraceTest {

    @Test
    @Basedir("src/test/resources/mojo/check-traced")
    @InjectMojo(goal = "check", pom = "pom.xml")
    void anExistingTraceOfTheChangeSetSilencesSqlNotAnalyzed(CheckMojo mojo, @TempDir Path build) throws Exception {
        mojo.basedir = new File("src/test/resources/mojo/check-traced").getAbsoluteFile();
        mojo.buildDirectory = build.toFile();
        AnalysisResult untraced = mojo.analyze();
        assertEquals(List.of("sql-not-analyzed"), untraced.findings().stream().map(Finding::ruleId).toList());

        LoadedChangeSet cs = untraced.changeSets().get(0);
        TraceFile.of(List.of(), List.of(new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(), cs.line(), List.of(),
                null, null, cs.checksum()))).write(build.resolve("hotcompat/trace.json"));
        assertEquals(List.of(), mojo.analyze().findings(), "the trace ran CALL refresh_plans() as it is now");
    }
}
