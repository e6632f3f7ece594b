package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.report.ConsoleReport;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.List;

/** Analyses pending changesets and fails the build on findings at or above {@code failOn}. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractHotcompatMojo {

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Severity threshold = failThreshold();
        AnalysisResult result = analyze();
        ConsoleReport.findings(result, mavenLog());
        writeReports(result);
        publishToGitHub(result);
        getLog().info(ConsoleReport.summary(result));
        adoptionHint(result);
        List<Finding> failing = result.failing(threshold);
        if (!failing.isEmpty()) {
            throw new MojoFailureException("hotcompat: " + failing.size() + " finding(s) at or above '" + failOn
                    + "' block the build. Apply the split-deploy rewrites above, or suppress a reviewed finding with "
                    + "'hotcompat:ignore <rule-id> -- <reason>' in the changeset's comment.");
        }
        getLog().info("hotcompat: no finding blocks the build (failOn=" + failOn + ")");
    }
}
