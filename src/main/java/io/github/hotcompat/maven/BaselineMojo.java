package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.LoadedChangeSet;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the baseline file marking every current changeset as deployed (with Liquibase's
 * checksum), so adoption in an existing project starts clean. The only write outside target/.
 */
@Mojo(name = "baseline", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class BaselineMojo extends AbstractHotcompatMojo {

    @Override
    protected void run() throws MojoExecutionException {
        ChangeSetSelection selection = selection();
        getLog().info("hotcompat: " + describeSelection(selection) + (selection.selectsAll() ? ""
                : "; the baseline still records every changeset, whatever its contexts and labels"));
        AnalysisConfig config = new AnalysisConfig(basedir.toPath(), searchPathList(), changeLogFile,
                projectClassLoader(), target(), rules == null ? Map.of() : rules, Baseline.empty()).withSelection(selection);
        // every changeset, whatever the contexts and labels: a twin left out today is deployed
        // wherever the changelog ran with the other selection, and a check with it must pass too
        List<LoadedChangeSet> changeSets = new Analyzer().loadAll(config);
        Path file = baselinePath();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Baseline.render(changeSets, selection), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the baseline file " + file + ": " + e.getMessage(), e);
        }
        getLog().info("hotcompat: wrote " + relative(file) + " with " + changeSets.size()
                + " changesets marked as deployed. Commit it; from now on only new changesets are judged.");
    }
}
