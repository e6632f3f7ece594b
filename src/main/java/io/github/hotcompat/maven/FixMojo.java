package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.fix.ChangeLogFixer;
import io.github.hotcompat.fix.FixConsole;
import io.github.hotcompat.fix.FixResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rewrites, in the project's changelog files, every flagged pending changeset whose whole plan
 * ships in one release, keeping every other byte of the file; writes the other plans to
 * target/hotcompat/plans/. Never fails on findings: run {@code hotcompat:check} (or {@code verify})
 * after it.
 */
@Mojo(name = "fix", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class FixMojo extends AbstractHotcompatMojo {

    @Override
    protected void run() throws MojoExecutionException {
        AnalysisResult result = analyze();
        FixResult fixed = new ChangeLogFixer(basedir.toPath(), buildDirectory.toPath()).fix(result);
        FixConsole.print(fixed, mavenLog());
    }
}
