package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Parameters from a POM's configuration reach the analysis (Maven Plugin Testing Harness). */
@MojoTest
class CheckMojoWiringTest {

    @Test
    @Basedir("src/test/resources/mojo/check")
    @InjectMojo(goal = "check", pom = "pom.xml")
    void pomConfigurationReachesTheAnalysis(CheckMojo mojo) throws Exception {
        mojo.basedir = new File("src/test/resources/mojo/check").getAbsoluteFile();
        Target target = mojo.target();
        assertEquals(16, target.version());
        assertEquals(5000, target.largeTableRows());
        assertEquals(Target.Size.LARGE, target.size("orders"));
        assertTrue(target.lockTimeoutSetByConnection());
        assertEquals(Severity.WARNING, mojo.failThreshold());

        AnalysisResult result = mojo.analyze();
        List<String> rules = result.findings().stream().map(Finding::ruleId).toList();
        assertEquals(List.of("drop-index-not-concurrent"), rules, "sql-not-analyzed is off");
        assertEquals(Severity.ERROR, result.findings().get(0).severity(), "severity override applied");
    }

    @Test
    @Basedir("src/test/resources/mojo/check")
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "failOn", value = "sometimes")
    void badFailOnIsAClearError(CheckMojo mojo) {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::failThreshold);
        assertTrue(e.getMessage().contains("use error, warning or never"));
    }

    @Test
    @Basedir("src/test/resources/mojo/check")
    @InjectMojo(goal = "check", pom = "pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipRunsNothing(CheckMojo mojo) throws Exception {
        mojo.changeLogFile = "does/not/exist.xml";
        mojo.execute(); // would fail on the missing changelog if it ran
    }
}
