package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.analysis.AnalysisResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the baseline file marking every current changeset as deployed (with Liquibase's
 * checksum), so adoption in an existing project starts clean. The only write outside target/.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class BaselineMojo extends AbstractHotcompatMojo {

    @Override
    protected void run() throws MojoExecutionException {
        AnalysisConfig config = new AnalysisConfig(basedir.toPath(), searchPathList(), changeLogFile,
                projectClassLoader(), target(), rules == null ? Map.of() : rules, Baseline.empty());
        AnalysisResult result = new Analyzer().analyze(config);
        Path file = baselinePath();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Baseline.render(result.changeSets()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the baseline file " + file + ": " + e.getMessage(), e);
        }
        getLog().info("hotcompat: wrote " + relative(file) + " with " + result.changeSets().size()
                + " changesets marked as deployed. Commit it; from now on only new changesets are judged.");
    }
}
